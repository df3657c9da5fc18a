#pragma once

// The one translation context of model/reconcile/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct ReconcileTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::reconcile)
};

} // namespace billing
