package ai.flatkey.migrate.demo;

/** Thrown while reading a request that must be answered with an {@link ApiError} instead of a result. */
final class Rejection extends Exception {

    private final transient ApiError error;

    Rejection(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
