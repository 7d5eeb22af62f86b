/** The {@code gan} command-line interface (Micronaut picocli). */
module gan4j.app {
    requires gan4j.engine;
    // --spark: gan-spark is always here, Spark itself only when the launcher is asked for it
    requires gan4j.spark;
    requires info.picocli;
    requires io.micronaut.picocli.micronaut_picocli;
    requires io.micronaut.micronaut_inject;
    requires jakarta.inject;
    requires me.tongfei.progressbar;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    // sun.misc.Signal: a checkpoint on SIGINT/SIGTERM
    requires jdk.unsupported;
    // gan board: the JDK's HTTP server
    requires jdk.httpserver;

    // Micronaut loads the generated bean definitions through a public lookup: the package must be exported to all
    exports org.gan4j.app;
    opens org.gan4j.app to info.picocli;
}
