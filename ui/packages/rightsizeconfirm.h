#pragma once

#include "analysis/renewalsizer.h"
#include "widgets/format.h"

#include <QCoreApplication>

class QWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;

// The preview before the right-sizer acts (ui-guidelines: preview before any action that costs): for a
// size, what each auto-renew attempt would pay at today's prices, the next term and today's funds, and the
// yearly figures; for pay-per-use, that auto-renew goes off and the term runs out. The page acts on
// accepted(): auto-renew on as `sizing.best` (no size stored when it is the term's own), or off.
struct RightSizeConfirm
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::RightSizeConfirm)

public:
    static ConfirmDialog *create(Engine &engine, const RightSizing &sizing, const AccountDisplay &display,
                                 QWidget *parent);
};

} // namespace billing::ui
