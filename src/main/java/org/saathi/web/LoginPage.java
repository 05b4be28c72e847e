package org.saathi.web;

import org.springframework.http.HttpStatus;
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

    /** Where a page the viewer's role does not allow leads. */
    @RequestMapping("/forbidden")
    ModelAndView forbidden() {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("title", "Not for your role");
        page.addObject("detail", "This page or action is not open to your role.");
        return page;
    }
}
