package vn.hcmc.cchc.tables;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a transform: a class whose code turns values into values (a {@code Dataset -> Dataset}, a
 * record into its row, bytes into text) and never reads or writes a table, a file or a database
 * itself. Its callers own the I/O, so a transform is tested on a tiny in-memory frame or a string,
 * and one run's inputs always give the same output.
 *
 * <p>The one list of transforms is the classes carrying this mark; {@code ArchitectureTest} checks
 * that none of them touches {@link Warehouse}, {@link DeltaWriter}, {@link WarehouseLock}, files,
 * Hadoop file systems, JDBC or Spark's readers and writers. It lives here, next to the I/O it rules
 * out. Class retention: only the test's bytecode reader needs it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Transform {}
