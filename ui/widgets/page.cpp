#include "widgets/page.h"

#include "widgets/errorbanner.h"

#include <QLabel>

namespace billing::ui {

QLabel *Page::createTitle(const QString &text)
{
    auto *title = new QLabel(text, this);
    title->setObjectName(QStringLiteral("pageTitle"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    // Screen readers announce the page by its heading.
    if (accessibleName().isEmpty())
        setAccessibleName(text);
    return title;
}

void Page::showOutcome(ErrorBanner *banner, const QString &failed, const Error *error)
{
    if (error)
        banner->showError(failed, *error);
    else
        refresh();
}

} // namespace billing::ui
