// libpq on demand (issue #17, P2c): the functions of libpq that storage/pgbulk.cpp calls, forwarded to
// the library that the QPSQL driver plugin has already loaded. Linking libpq itself put it and the ~20
// libraries behind it (Kerberos, LDAP, GnuTLS, p11-kit...) into the start of every program, each command
// on SQLite included: their loading, relocations and constructors were about half of the start of
// `billingctl` (BENCHMARKS.md, "i17-p2c (session 9)"). pgbulk works only on the QPSQL driver's own
// connection, so libpq is in the process whenever these are called; dlopen() only finds it again.
//
// The forwarders are hidden: they are not exported from the program, so the plugin's own calls still go
// straight to libpq. A function pgbulk starts to use needs its forwarder here (the link fails without).

#include <postgres_ext.h>
#include <stdio.h>

#pragma GCC visibility push(hidden)
#include <libpq-fe.h>
#pragma GCC visibility pop

#include <QtGlobal>

#include <dlfcn.h>

namespace {

void *libpq()
{
    // The soname the QPSQL plugin links (Debian's libpq5); RTLD_NOLOAD is not used so that a build
    // without the plugin loaded still works (tests that call pgbulk directly).
    static void *const handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    return handle;
}

template <typename Fn> Fn *libpqSymbol(const char *name)
{
    void *const handle = libpq();
    void *const symbol = handle ? dlsym(handle, name) : nullptr;
    // Cannot happen while the QPSQL driver works (it links libpq); a broken installation stops here.
    if (!symbol)
        qFatal("libpq: %s is not available: %s", name, dlerror());
    return reinterpret_cast<Fn *>(symbol);
}

} // namespace

#define BILLING_LIBPQ_CALL(name, ...)                                                                        \
    static const auto real = libpqSymbol<decltype(::name)>(#name);                                           \
    return real(__VA_ARGS__)

extern "C" {

PGresult *PQexec(PGconn *conn, const char *query)
{
    BILLING_LIBPQ_CALL(PQexec, conn, query);
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat)
{
    BILLING_LIBPQ_CALL(PQexecParams, conn, command, nParams, paramTypes, paramValues, paramLengths,
                       paramFormats, resultFormat);
}

PGresult *PQgetResult(PGconn *conn)
{
    BILLING_LIBPQ_CALL(PQgetResult, conn);
}

int PQputCopyData(PGconn *conn, const char *buffer, int nbytes)
{
    BILLING_LIBPQ_CALL(PQputCopyData, conn, buffer, nbytes);
}

int PQputCopyEnd(PGconn *conn, const char *errormsg)
{
    BILLING_LIBPQ_CALL(PQputCopyEnd, conn, errormsg);
}

char *PQerrorMessage(const PGconn *conn)
{
    BILLING_LIBPQ_CALL(PQerrorMessage, conn);
}

ExecStatusType PQresultStatus(const PGresult *res)
{
    BILLING_LIBPQ_CALL(PQresultStatus, res);
}

char *PQresultErrorMessage(const PGresult *res)
{
    BILLING_LIBPQ_CALL(PQresultErrorMessage, res);
}

char *PQresultErrorField(const PGresult *res, int fieldcode)
{
    BILLING_LIBPQ_CALL(PQresultErrorField, res, fieldcode);
}

int PQntuples(const PGresult *res)
{
    BILLING_LIBPQ_CALL(PQntuples, res);
}

int PQnfields(const PGresult *res)
{
    BILLING_LIBPQ_CALL(PQnfields, res);
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
    BILLING_LIBPQ_CALL(PQgetvalue, res, tup_num, field_num);
}

int PQgetlength(const PGresult *res, int tup_num, int field_num)
{
    BILLING_LIBPQ_CALL(PQgetlength, res, tup_num, field_num);
}

void PQclear(PGresult *res)
{
    BILLING_LIBPQ_CALL(PQclear, res);
}

} // extern "C"
