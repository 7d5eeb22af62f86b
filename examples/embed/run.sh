#!/usr/bin/env bash
# Builds the example against the installed gan4j artifacts and runs it:  ./run.sh [RUN_DIR]
# (gan4j must be installed first: `mvn -DskipTests install` in gan4j's root.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mvn -q -B package
exec java -cp "target/classes:$(cat target/classpath.txt)" org.gan4j.examples.embed.EmbedExample "$@"
