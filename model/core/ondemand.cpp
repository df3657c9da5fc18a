#include "core/ondemand.h"

#include <QtGlobal>

#include <dlfcn.h>

namespace billing::ondemand {

void *symbol(const char *soname, const char *name)
{
    // dlopen() of a library already loaded (the QPSQL plugin's libpq, a second forwarder's library) only
    // counts one more reference; the handle is kept for the life of the program.
    void *const handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    void *const found = handle ? dlsym(handle, name) : nullptr;
    if (!found)
        qFatal("%s: %s is not available (%s); reinstall the package", soname, name, dlerror());
    return found;
}

} // namespace billing::ondemand
