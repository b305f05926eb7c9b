package ai.flatkey.migrate.scan;

/** How sure the scanner is that a finding means what it says. */
public enum Confidence {
    /** A call or construction the scanner recognises exactly. */
    HIGH,
    /** An import, a declared dependency used in code, or a value that needs one step of inference. */
    MEDIUM,
    /** A guess: a value built from variables, a dependency only declared, an unresolved reference. */
    LOW
}
