#pragma once

// The one translation context of ui/costcenter/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing::ui {

struct CostCenterTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::costcenter)
};

} // namespace billing::ui
