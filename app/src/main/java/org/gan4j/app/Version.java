package org.gan4j.app;

import picocli.CommandLine.IVersionProvider;

/** Reports gan4j's and the API's version. */
public class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"gan4j " + (v == null ? "(development)" : v) + ", API " + org.gan4j.api.GanApi.VERSION};
    }
}
