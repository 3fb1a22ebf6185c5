// Linked into every executable of a HANDOUT_SANITIZE build: the sanitizers' defaults.
// LeakSanitizer: fontconfig keeps its configuration (FcInit) for the whole process and never
// frees it; that is a library's cache, not a leak of ours, so it is the one suppression (the
// other library leak, libharu's on a failed save, is fenced in PdfDocument::save).

extern "C" {

/// Read by LeakSanitizer at start-up: one suppression per line.
const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

/// Read by LeakSanitizer at start-up: no table of used suppressions on standard error (tests
/// compare what handout prints there).
const char* __lsan_default_options() { return "print_suppressions=0"; }

/// Read by UndefinedBehaviorSanitizer at start-up: a stack trace with every report.
const char* __ubsan_default_options() { return "print_stacktrace=1"; }

}
