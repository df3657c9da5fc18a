#pragma once

// The marginal price (billing-rules §10) in words, for the Services page and the Price calculator.
#include "analysis/marginalprice.h"

#include <QLocale>
#include <QString>

namespace billing::ui {

// "Next 1,000 calls: 1.35000000 USD" and then one line per part, in billing order:
// "300 from package 12 (100k)", "500 at tier 2, 1.20000000 USD per 1,000".
QString marginalPriceText(const MarginalPrice &m, const QString &currency, const QLocale &locale = QLocale());

} // namespace billing::ui
