package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorBodyTest {
    @Test
    void openAiErrorObject() {
        ErrorBody b = ErrorBody.parse("{\"error\":{\"message\":\"Bad\\nthing\",\"type\":\"invalid_request_error\","
                + "\"param\":\"model\",\"code\":404}}", "application/json");

        assertThat(b).isEqualTo(new ErrorBody(ErrorBody.Shape.OPENAI_ERROR, "Bad thing", "invalid_request_error",
                "model", "404", ""));
    }

    @Test
    void onlyAnErrorObjectWithAMessageIsTheOpenAiShape() {
        assertThat(ErrorBody.parse("{\"error\":{\"message\":\"x\"}}", "").shape()).isEqualTo(ErrorBody.Shape.OPENAI_ERROR);
        assertThat(ErrorBody.parse("{\"error\":{\"msg\":\"x\"}}", "").shape()).isEqualTo(ErrorBody.Shape.JSON_ERROR);
        assertThat(ErrorBody.parse("{\"error\":{\"message\":\" \"}}", "").shape()).isEqualTo(ErrorBody.Shape.JSON_ERROR);
        assertThat(ErrorBody.parse("{\"error\":\"Unauthorized\"}", "").shape()).isEqualTo(ErrorBody.Shape.JSON_ERROR);
        assertThat(ErrorBody.parse("{\"message\":\"quota\"}", "").shape()).isEqualTo(ErrorBody.Shape.JSON_ERROR);
        assertThat(ErrorBody.parse("Bad Request", "text/plain").shape()).isEqualTo(ErrorBody.Shape.TEXT);
    }

    @Test
    void topLevelMessageStringErrorAndDetail() {
        assertThat(ErrorBody.parse("{\"success\":false,\"message\":\"quota used up\"}", "").message())
                .isEqualTo("quota used up");
        assertThat(ErrorBody.parse("{\"error\":\"Unauthorized\"}", "").message()).isEqualTo("Unauthorized");
        assertThat(ErrorBody.parse("{\"error\":\"Not Found\",\"message\":\"no route\"}", "").message())
                .isEqualTo("Not Found: no route");
        assertThat(ErrorBody.parse("{\"detail\":\"Not authenticated\"}", "").message()).isEqualTo("Not authenticated");
        assertThat(ErrorBody.parse("{\"detail\":[{\"loc\":[\"body\",\"n\"],\"msg\":\"too big\"}]}", "").message())
                .isEqualTo("[\"body\",\"n\"] too big");
        assertThat(ErrorBody.parse("[{\"error\":{\"code\":400,\"message\":\"gemini style\"}}]", "").message())
                .isEqualTo("gemini style");
    }

    @Test
    void otherShapes() {
        assertThat(ErrorBody.parse("{\"foo\":1}", "application/json").shape()).isEqualTo(ErrorBody.Shape.JSON_OTHER);
        assertThat(ErrorBody.parse("", "").shape()).isEqualTo(ErrorBody.Shape.EMPTY);
        assertThat(ErrorBody.parse("Unauthorized", "text/plain").shape()).isEqualTo(ErrorBody.Shape.TEXT);
        assertThat(ErrorBody.parse("{not json", "application/json").shape()).isEqualTo(ErrorBody.Shape.TEXT);
    }

    @Test
    void htmlTitleIsFoundCleanedAndBounded() {
        assertThat(ErrorBody.parse("<html><head><TITLE>\n 403  Forbidden &amp; more\n</TITLE>", "").htmlTitle())
                .isEqualTo("403 Forbidden & more");
        assertThat(ErrorBody.parse("<html><body><h1>Gateway <b>Timeout</b></h1>", "text/html").htmlTitle())
                .isEqualTo("Gateway Timeout");
        assertThat(ErrorBody.parse("oops", "text/html").shape()).isEqualTo(ErrorBody.Shape.HTML);
        assertThat(ErrorBody.parse("<title>" + "t".repeat(500) + "</title>", "").htmlTitle()).hasSize(121);
    }
}
