#!/usr/bin/env bash
# Assembles a Spark installation for gan4j from Maven: target/spark/jars holds Spark (the version gan-spark is built
# against, the parent pom's spark.version) and its libraries, as $SPARK_HOME/jars does in a Spark distribution. The launcher uses
# it for `gan train --spark` when SPARK_HOME is not set; scripts/spark-cluster.sh starts a standalone cluster from it.
# Idempotent: an existing, complete target/spark is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/target/spark"
if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi
echo "spark-home: copying Spark's jars into $out/jars (mvn dependency:copy-dependencies) ..." >&2
rm -rf "$out"
mkdir -p "$out/jars" "$out/conf"
# the version gan-spark is built against, resolved as Spark itself depends (scripts/spark/pom.xml)
version="$(sed -n 's#.*<spark.version>\(.*\)</spark.version>.*#\1#p' "$here/pom.xml" | head -n 1)"
(cd "$here/scripts/spark" && mvn -q -B -Dstyle.color=never -Dspark.version="$version" dependency:copy-dependencies \
  -DoutputDirectory="$out/jars" >&2)
n=$(ls "$out/jars" | wc -l)
if ! ls "$out/jars" | grep -q '^spark-core_2.13-'; then
  echo "spark-home: no spark-core jar among the $n copied" >&2
  exit 1
fi
touch "$out/.complete"
echo "spark-home: $n jars ($(du -sh "$out/jars" | cut -f1))" >&2
echo "$out"
