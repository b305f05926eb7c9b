package ai.flatkey.migrate.plan;

/** A stored check verdict. Unsupported: the gateway clearly declines; Fail: it claims to work and gets it wrong. */
public enum Verdict {
    PASS, FAIL, UNSUPPORTED, ERROR
}
