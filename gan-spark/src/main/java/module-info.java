/**
 * gan4j on Apache Spark: {@link org.gan4j.spark.SparkCluster} runs a distributed run's rounds as Spark jobs. Spark
 * itself is on the class path (the cluster's own jars, or those scripts/spark-home.sh assembles), which this module
 * reads; it is opened so that Spark's closure serializer may reflect on the round function.
 */
open module gan4j.spark {
    requires transitive gan4j.engine;
    requires org.slf4j;

    exports org.gan4j.spark;
}
