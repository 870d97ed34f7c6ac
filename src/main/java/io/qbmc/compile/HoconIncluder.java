package io.qbmc.compile;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import java.io.File;
import java.net.URL;

/**
 * HOCON includes as a validator may follow them: files, yes; URLs and classpath resources, no.
 * Checking an untrusted pull request must not fetch from the network, and qbmc's own classpath
 * is nobody's configuration.
 */
final class HoconIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    private final ConfigIncluder fallback;

    HoconIncluder() {
        this(null);
    }

    private HoconIncluder(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this.fallback == fallback ? this : new HoconIncluder(fallback);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        // the plain form `include "x"` would fetch a URL if the name looks like one
        int scheme = what.indexOf("://");
        if (scheme > 0 && !what.regionMatches(true, 0, "file://", 0, 7)) {
            throw refused("include \"" + what + "\"");
        }
        return fallback.include(context, what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        if (fallback instanceof ConfigIncluderFile f) {
            return f.includeFile(context, what);
        }
        throw refused("include file(\"" + what + "\")");
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        if ("file".equalsIgnoreCase(what.getProtocol()) && fallback instanceof ConfigIncluderURL u) {
            return u.includeURL(context, what);
        }
        throw refused("include url(\"" + what + "\")");
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw refused("include classpath(\"" + what + "\")");
    }

    private static ConfigException refused(String include) {
        return new ConfigException.Generic(include + " is not followed: qbmc reads included files only, never"
                + " URLs or classpath resources");
    }
}
