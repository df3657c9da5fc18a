#include "widgets/totalstablepane.h"

#include "widgets/totalsfooter.h"

#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

TotalsTablePane::TotalsTablePane(QTableView *table, TotalsFooter *footer, QWidget *parent,
                                 const QString &heading)
    : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    if (!heading.isEmpty()) {
        auto *label = new QLabel(heading, this);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        m_layout->addWidget(label);
    }
    m_layout->addWidget(table, 1);
    m_layout->addWidget(footer);
    m_layout->addWidget(footer->scrollBar());
}

void TotalsTablePane::addBelow(QWidget *widget)
{
    m_layout->addWidget(widget);
}

} // namespace billing::ui
