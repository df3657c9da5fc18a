// libzip on demand (core/ondemand.h): the functions that read provider bills (ZIP archives, the XLSX
// container) call, forwarded to the library loaded at the first such file. Linked, it and libcrypto
// behind it were part of every command's start.

#include "core/ondemand.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>

#pragma GCC visibility push(hidden)
#include <zip.h>
#pragma GCC visibility pop

#define LIBZIP "libzip.so.4"

extern "C" {

void zip_discard(zip_t *archive)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_discard, archive);
}

int zip_error_code_zip(const zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_error_code_zip, error);
}

void zip_error_fini(zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_error_fini, error);
}

void zip_error_init(zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_error_init, error);
}

void zip_error_init_with_code(zip_error_t *error, int ze)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_error_init_with_code, error, ze);
}

const char *zip_error_strerror(zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_error_strerror, error);
}

int zip_fclose(zip_file_t *file)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_fclose, file);
}

zip_error_t *zip_file_get_error(zip_file_t *file)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_file_get_error, file);
}

zip_file_t *zip_fopen_index(zip_t *archive, zip_uint64_t index, zip_flags_t flags)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_fopen_index, archive, index, flags);
}

zip_int64_t zip_fread(zip_file_t *file, void *buffer, zip_uint64_t length)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_fread, file, buffer, length);
}

zip_int64_t zip_get_num_entries(zip_t *archive, zip_flags_t flags)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_get_num_entries, archive, flags);
}

zip_int64_t zip_name_locate(zip_t *archive, const char *name, zip_flags_t flags)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_name_locate, archive, name, flags);
}

zip_t *zip_open(const char *path, int flags, int *errorp)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_open, path, flags, errorp);
}

zip_t *zip_open_from_source(zip_source_t *source, int flags, zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_open_from_source, source, flags, error);
}

zip_source_t *zip_source_buffer_create(const void *data, zip_uint64_t length, int freep, zip_error_t *error)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_source_buffer_create, data, length, freep, error);
}

void zip_source_free(zip_source_t *source)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_source_free, source);
}

int zip_stat_index(zip_t *archive, zip_uint64_t index, zip_flags_t flags, zip_stat_t *stat)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_stat_index, archive, index, flags, stat);
}

void zip_stat_init(zip_stat_t *stat)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_stat_init, stat);
}

const char *zip_strerror(zip_t *archive)
{
    BILLING_ONDEMAND_CALL(LIBZIP, zip_strerror, archive);
}

} // extern "C"
