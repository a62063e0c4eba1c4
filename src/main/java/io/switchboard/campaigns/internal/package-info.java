@NullMarked
package io.switchboard.campaigns.internal;

import org.jspecify.annotations.NullMarked;
