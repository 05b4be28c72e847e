package org.saathi.web;

import org.saathi.api.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Problems on a staff page are shown as a page: a person reads them, not a program. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(problem.status());
        page.addObject("title", problem.status() == HttpStatus.NOT_FOUND ? "Not found" : "Not possible");
        page.addObject("detail", problem.getMessage());
        page.addObject("problems", FormProblems.of(problem).lines());
        return page;
    }
}
