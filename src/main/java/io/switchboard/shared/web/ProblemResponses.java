package io.switchboard.shared.web;

import io.switchboard.shared.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes Problem Details from places that run before Spring MVC (filters, security). */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ApiProblem.TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), toMap(problem));
    }

    public void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        if (problem.retryAfter() != null) {
            response.setHeader(
                    "Retry-After",
                    Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        write(response, ProblemDetailsAdvice.toProblemDetail(problem));
    }

    private static Map<String, Object> toMap(ProblemDetail problem) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("type", problem.getType().toString());
        map.put("title", problem.getTitle());
        map.put("status", problem.getStatus());
        map.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            map.putAll(problem.getProperties());
        }
        return map;
    }
}
