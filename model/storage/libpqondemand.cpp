// libpq on demand (core/ondemand.h): the functions of libpq that storage/pgbulk.cpp calls, forwarded to
// the library that the QPSQL driver plugin has already loaded (pgbulk works only on that driver's own
// connection). Linked, libpq and the ~20 libraries behind it (Kerberos, LDAP, GnuTLS, p11-kit...) were
// loaded, relocated and initialised at the start of every program, each command on SQLite included:
// about a third of `billingctl transactions` (BENCHMARKS.md, "i17-p2c (session 9)").

#include "core/ondemand.h"

#include <postgres_ext.h>
#include <stdio.h>

#pragma GCC visibility push(hidden)
#include <libpq-fe.h>
#pragma GCC visibility pop

#define LIBPQ "libpq.so.5"

extern "C" {

PGresult *PQexec(PGconn *conn, const char *query)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQexec, conn, query);
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQexecParams, conn, command, nParams, paramTypes, paramValues, paramLengths,
                          paramFormats, resultFormat);
}

PGresult *PQgetResult(PGconn *conn)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQgetResult, conn);
}

int PQputCopyData(PGconn *conn, const char *buffer, int nbytes)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQputCopyData, conn, buffer, nbytes);
}

int PQputCopyEnd(PGconn *conn, const char *errormsg)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQputCopyEnd, conn, errormsg);
}

char *PQerrorMessage(const PGconn *conn)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQerrorMessage, conn);
}

ExecStatusType PQresultStatus(const PGresult *res)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQresultStatus, res);
}

char *PQresultErrorMessage(const PGresult *res)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQresultErrorMessage, res);
}

char *PQresultErrorField(const PGresult *res, int fieldcode)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQresultErrorField, res, fieldcode);
}

int PQntuples(const PGresult *res)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQntuples, res);
}

int PQnfields(const PGresult *res)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQnfields, res);
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQgetvalue, res, tup_num, field_num);
}

int PQgetlength(const PGresult *res, int tup_num, int field_num)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQgetlength, res, tup_num, field_num);
}

void PQclear(PGresult *res)
{
    BILLING_ONDEMAND_CALL(LIBPQ, PQclear, res);
}

} // extern "C"
