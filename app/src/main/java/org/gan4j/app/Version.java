package org.gan4j.app;

import picocli.CommandLine.IVersionProvider;

/** Reports gan4j's and the API's version. */
public class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"gan4j " + org.gan4j.api.GanApi.artifactVersion(Version.class) + ", API "
                + org.gan4j.api.GanApi.VERSION + ", Java " + System.getProperty("java.version")};
    }
}
