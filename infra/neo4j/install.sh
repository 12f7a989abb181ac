#!/usr/bin/env bash
# Installs the local Neo4j server into .tools/neo4j (idempotent; re-run after changing pom.xml or
# src/DiffoNeo4j.java). Needs Java 17 (java, javac, jar) and Maven; network: Maven Central only.
#   lib/               Neo4j + Browser jars (mvn dependency:copy-dependencies)
#   diffo-neo4j.jar    the compiled launcher
#   neo4j.jsa          AppCDS archive (class-loading cache, cuts ~3-4 s off each start; optional)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${DIFFO_NEO4J_TOOLS:-$repo/.tools/neo4j}"  # the service manager passes <DIFFO_TOOLS_DIR>/neo4j
cd "$repo"

rm -rf "$tools/lib" "$tools/classes" "$tools/diffo-neo4j.jar" "$tools/neo4j.jsa" "$tools/cds-train"
mkdir -p "$tools"
# outputDirectory must be absolute: a relative one resolves against infra/neo4j/.
mvn -q -B -f infra/neo4j/pom.xml dependency:copy-dependencies -DoutputDirectory="$tools/lib"
javac -proc:none -cp "$tools/lib/*" -d "$tools/classes" infra/neo4j/src/DiffoNeo4j.java
jar --create --file "$tools/diffo-neo4j.jar" -C "$tools/classes" .
rm -rf "$tools/classes"

if [[ "${DIFFO_NEO4J_CDS:-1}" != "0" ]]; then
  # Training run on a throwaway home with free ports; the archive is written when the JVM exits.
  # The archive records these (absolute) jar paths: it is used only when the run-time classpath
  # names the same jars (relative or absolute) in the same order, and the JVM is the same build.
  NEO4J_PASSWORD=cds-training-only java -Xmx1g -XX:+UseG1GC -XX:ArchiveClassesAtExit="$tools/neo4j.jsa" \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$tools/lib/*:$tools/diffo-neo4j.jar" DiffoNeo4j \
    --home "$tools/cds-train" \
    --set server.bolt.listen_address=127.0.0.1:0 --set server.http.listen_address=127.0.0.1:0 \
    --exit-when-ready > "$tools/cds-train.log" 2>&1 \
    || { echo "install.sh: CDS training run failed (see $tools/cds-train.log); continuing without it" >&2; rm -f "$tools/neo4j.jsa"; }
  rm -rf "$tools/cds-train"
fi
echo "install.sh: installed into $tools ($(du -sh "$tools/lib" | cut -f1) of jars)"
