#include "widgets/page.h"

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

} // namespace billing::ui
