#pragma once

// The one translation context of model/analysis/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct AnalysisTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::CostAnalysis)
};

} // namespace billing
