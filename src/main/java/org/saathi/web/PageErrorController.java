package org.saathi.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.saathi.api.ProblemErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors a browser meets outside any page (an unknown address, a wrong method) are shown as a
 * page. The API and the operations endpoints answer problems, whoever asks.
 */
@Controller
class PageErrorController {

    @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
    Object error(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/actuator")) {
            return ProblemErrorController.problem(request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(status);
        page.addObject("title", status == HttpStatus.NOT_FOUND ? "Not found" : status.getReasonPhrase());
        page.addObject("detail", status == HttpStatus.NOT_FOUND ? "There is no such page."
                : status.is5xxServerError() ? "Something went wrong; nothing was changed. Please try again."
                : "The request was refused: " + status.getReasonPhrase() + ".");
        return page;
    }
}
