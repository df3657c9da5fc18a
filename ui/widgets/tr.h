#pragma once

// The one translation context of ui/widgets/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing::ui {

struct WidgetsTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::widgets)
};

} // namespace billing::ui
