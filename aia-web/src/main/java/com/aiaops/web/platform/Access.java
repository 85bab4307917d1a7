package com.aiaops.web.platform;

import com.aiaops.access.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method needs (any one of them, when several are named: INGEST or OPERATOR,
 * say). Methods without it need ADMIN: access is denied unless granted. {@link Public} marks the few
 * endpoints that need no caller at all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {
    Role[] value();
}
