#pragma once

// Shared libraries loaded at their first use (issue #17, P2c). Every library a program links is loaded,
// relocated and initialised before main(), for every command: libcrypto alone is ~21 000 relocations.
// The libraries that only some commands need (libpq for PostgreSQL's COPY, libcrypto for the row seals
// of a write, libzip for provider bills, libxlsxwriter for XLSX exports) are not linked; small files
// (storage/libpqondemand.cpp, ...) define the few functions the program calls, each one forwarding to
// the library's own, found with dlopen()/dlsym() the first time it is called.
//
// The forwarders are hidden (see BILLING_ONDEMAND_HIDDEN_BEGIN): not exported from the program, so that
// a library or plugin loaded later still binds to the library itself. A function the program starts to
// call needs its forwarder, or the link fails.

namespace billing::ondemand {

// The address of symbol in the library with this soname, loading it if needed. A library or symbol that
// is missing stops the program with a message (the package depends on these libraries: only a broken
// installation gets there).
void *symbol(const char *soname, const char *name);

} // namespace billing::ondemand

// The body of a forwarder: calls the library's function of the same name with the arguments given.
#define BILLING_ONDEMAND_CALL(soname, name, ...)                                                             \
    static const auto real =                                                                                 \
        reinterpret_cast<decltype(&::name)>(::billing::ondemand::symbol(soname, #name));                     \
    return real(__VA_ARGS__)
