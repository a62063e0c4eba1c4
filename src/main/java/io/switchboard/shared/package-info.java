/**
 * Tiny open kernel shared by every module: tenant context, paging, problem types, crypto, database
 * and web plumbing.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, displayName = "Shared kernel")
@NullMarked
package io.switchboard.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
