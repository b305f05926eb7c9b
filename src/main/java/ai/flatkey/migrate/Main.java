package ai.flatkey.migrate;
public final class Main { public static void main(String[] a) { } }
