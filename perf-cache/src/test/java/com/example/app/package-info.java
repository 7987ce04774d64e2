/** Application-side examples, outside perfkit's packages. */
@NullMarked
package com.example.app;

import org.jspecify.annotations.NullMarked;
