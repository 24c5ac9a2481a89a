// jsforce reads proxy variables at import time and ignores NO_PROXY: keep tests on 127.0.0.1.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete process.env[name];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.POWERTOOLS_DEV = process.env.POWERTOOLS_DEV ?? "false";
