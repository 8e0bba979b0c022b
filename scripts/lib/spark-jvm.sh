# Sourced by scripts/cchc and scripts/spark-cluster: the project's jar, Spark from the project's own
# Maven classpath, and the JVM flags Spark needs. Expects ROOT (the project folder) to be set.

JAR="$ROOT/jobs/target/cchc-jobs.jar"
SPARK_CP="$ROOT/jobs/target/spark-classpath.txt"
SPARK_CP_PROVIDED="$ROOT/jobs/target/spark-classpath-provided.txt"

# Builds the jar and the classpath files on first use.
ensure_built() {
  if [[ ! -f "$JAR" || ! -f "$SPARK_CP" || ! -f "$SPARK_CP_PROVIDED" ]]; then
    echo "${0##*/}: building the jar (first use; mvn -DskipTests package)..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
  fi
}

# Spark, Hadoop, Delta and the project's libraries: what SparkSubmit, Master and Worker run from.
spark_classpath() {
  echo "$(cat "$SPARK_CP"):$(cat "$SPARK_CP_PROVIDED")"
}

# The launcher's class-data archive of the jar as built now (scripts/cchc writes and maps it): named by
# the jar's modification time and size, so that a rebuilt jar never maps the classes of the last one.
cds_archive() {
  echo "$ROOT/jobs/target/cchc-$(stat -c %Y-%s "$JAR" 2>/dev/null || echo 0-0).jsa"
}

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Spark 4.2's list (spark-launcher JavaModuleOptions) without --add-modules=jdk.incubator.vector:
# no class on this classpath uses it, and the JVM would announce it on every start.
# -XX:-DontCompileHugeMethods: HotSpot leaves a method over 8,000 bytes of bytecode interpreted,
# and Spark's whole-stage code for a wide projection is such a method (the marts' events: 37% of
# the stage's CPU in one interpreted method); compiled, the flows take 0.65x the time
# (docs/DECISIONS.md, "Huge generated methods compiled")
JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions -XX:-DontCompileHugeMethods
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
