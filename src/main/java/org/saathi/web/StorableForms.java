package org.saathi.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.saathi.api.ApiProblem;
import org.saathi.api.StorableText;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every form field and query parameter, of the pages and the API alike, is checked here before
 * any handler sees it: text PostgreSQL cannot store (a NUL character, a lone surrogate) is a 400
 * naming the field, shown as the page's problem or as the API's problem, never a failed write.
 */
@Configuration(proxyBeanMethods = false)
class StorableForms implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            boolean storable = StorableText.isStorable(name);
            for (String value : parameter.getValue()) {
                storable &= StorableText.isStorable(value);
            }
            if (!storable) {
                throw ApiProblem.invalid(StorableText.isStorable(name) ? name : "parameter", StorableText.MESSAGE);
            }
        }
        return true;
    }
}
