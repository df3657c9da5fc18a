#pragma once

#include "storage/notificationrepository.h"

namespace billing {

class BillingCalendar;

// The translated sentence of a stored alert; made at display time so it follows the user's language.
QString notificationText(const Notification &n);

} // namespace billing
