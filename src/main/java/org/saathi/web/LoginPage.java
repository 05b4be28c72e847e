package org.saathi.web;

import jakarta.servlet.http.HttpServletRequest;
import org.saathi.api.ApiProblem;
import org.saathi.api.StorableText;
import org.saathi.security.StorableLoginForm;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The login form; Spring Security checks what it posts. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/alerts";
    }

    /**
     * Where a login form with text that cannot be stored is shown its problem (the security filter
     * that checks the form forwards here, naming the field); reached any other way, there is nothing.
     */
    @RequestMapping(StorableLoginForm.REFUSAL_PAGE)
    void unstorableLogin(HttpServletRequest request) {
        Object field = request.getAttribute(StorableLoginForm.FIELD);
        if (field == null) {
            throw ApiProblem.notFound("There is no such page.");
        }
        throw ApiProblem.invalid(field.toString(), StorableText.MESSAGE);
    }

    /** Where a page the viewer's role does not allow leads. */
    @RequestMapping("/forbidden")
    ModelAndView forbidden(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(HttpStatus.FORBIDDEN);
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            // A form kept open across a new sign-in, or in another tab, carries an old token.
            page.addObject("title", "This form has expired");
            page.addObject("detail", "Nothing was changed. Open the page again and repeat what you did.");
        } else {
            page.addObject("title", "Not for your role");
            page.addObject("detail", "This page or action is not open to your role.");
        }
        return page;
    }
}
