vcl 4.1;
# The front cache of the portal (docs/decisions/0070-front-cache-and-query-budget.md).
#
# Stored: anonymous GET/HEAD of public pages, for the s-maxage the portal sends. Purged by the portal
# (wagtail.contrib.frontend_cache) on publish, unpublish, move and delete; BAN drops every page at once
# (the navigation or the site identity changed).
# Never stored: anything personal. A request with a session, CSRF or messages cookie, an Authorization
# header, or under /service-hall/, /admin/, /accounts/, the consoles, /inbox/ or /api/ with credentials is
# passed to the portal; a response that sets a cookie or says private/no-store is not kept.
# The client's address: varnishd appends client.ip to X-Forwarded-For before vcl_recv, and the portal reads
# the right-most entry its TRUSTED_PROXIES did not write (portal/client_address.py, decision 0150). Never
# unset or rewrite req.http.X-Forwarded-For here: the audit trail and the rate limits depend on it.

backend portal {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may PURGE and BAN: this host and the portal's containers (docker-compose's default network, 172.28.0.0/24);
# never the network's gateway, through which outside clients arrive.
acl purgers {
    "127.0.0.1";
    "::1";
    "172.28.0.0"/24;
    ! "172.28.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            # The page and every page of its listing (?page=2, filters).
            ban("obj.http.x-host == " + req.http.host + " && obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?.*)?$");
            return (synth(200, "Purged"));
        }
        ban("obj.http.x-host == " + req.http.host + " && obj.http.x-url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(service-hall|admin|django-admin|accounts|bureau|commission|expert|inbox|acceptance|files)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^.{2049,}") {
        return (pass);  # a huge query string is never a key of the cache
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (garbage, analytics) says nothing the portal reads: drop it and look up the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-host = bereq.http.host;
    if (beresp.status >= 500
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "private|no-store|no-cache"
        || (!beresp.http.Cache-Control ~ "s-maxage" && bereq.url !~ "^/static/")) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-url;
    unset resp.http.x-host;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
