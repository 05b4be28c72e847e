package org.saathi.web;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.saathi.roster.Roster;
import org.saathi.security.Caller;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** What every staff page needs: who is looking, and times in their programme's zone. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final Roster roster;
    private final Clock clock;

    PageModel(Roster roster, Clock clock) {
        this.roster = roster;
        this.clock = clock;
    }

    @ModelAttribute
    void addViewer(Model model) {
        viewer().ifPresent(viewer -> {
            model.addAttribute("viewer", viewer);
            model.addAttribute("times", new DisplayTimes(clock, viewer.zone()));
        });
    }

    Optional<Viewer> viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(new Viewer(Caller.of(authentication), roster.zoneOf(authentication.getName())));
    }

    /** Lets a page handler take the {@link Viewer} as a parameter. */
    @Configuration(proxyBeanMethods = false)
    static class ViewerParameter implements WebMvcConfigurer, HandlerMethodArgumentResolver {

        private final PageModel pages;

        ViewerParameter(PageModel pages) {
            this.pages = pages;
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(this);
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Viewer.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                NativeWebRequest request, WebDataBinderFactory binders) {
            return pages.viewer().orElseThrow(() -> new IllegalStateException("the staff page needs a login"));
        }
    }
}
