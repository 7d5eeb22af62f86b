package org.gan4j.api;

/**
 * The version of the gan4j service API.
 *
 * <p>Providers return {@link #VERSION} from {@link Component#apiVersion()}. Because it is a compile-time constant,
 * javac copies its value into the provider's class file, so the value a provider reports is the version it was
 * <em>built</em> against, not the version of the host it runs in. The registry compares the two.
 */
public final class GanApi {
    /** Major.minor of this API. Same major and a minor not newer than the host's is compatible. */
    public static final String VERSION = "1.4";

    private GanApi() {
    }

    /**
     * Tells whether a provider built against {@code providerVersion} can run on this API.
     *
     * @param providerVersion the version the provider declares, {@code "major.minor"}
     * @return true when the major versions match and the provider's minor is not newer than ours
     */
    public static boolean isCompatible(String providerVersion) {
        int[] host = parse(VERSION);
        int[] plugin;
        try {
            plugin = parse(providerVersion);
        } catch (RuntimeException e) {
            return false;
        }
        return host[0] == plugin[0] && plugin[1] <= host[1];
    }

    /**
     * The version of the artifact a class comes from: its module's version when it runs as a named module, else its
     * jar manifest's Implementation-Version.
     *
     * @param type a class
     * @return the version, or {@code "development"} when neither is known (classes from a build directory)
     */
    public static String artifactVersion(Class<?> type) {
        Module m = type.getModule();
        if (m.isNamed() && m.getDescriptor() != null) {
            java.util.Optional<String> v = m.getDescriptor().rawVersion();
            if (v.isPresent()) {
                return v.get();
            }
        }
        Package p = type.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "development";
    }

    private static int[] parse(String version) {
        String[] parts = version.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not major.minor: " + version);
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
