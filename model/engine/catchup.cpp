#include "engine/catchup.h"

#include "engine/context.h"

namespace billing {

Status catchUp(Context &)
{
    // Settlement, expiries, arrears stages and renewals arrive with the engine.
    return {};
}

} // namespace billing
