#include "widgets/totalsfooter.h"

#include "widgets/itemroles.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>

namespace billing::ui {

TotalsFooter::TotalsFooter(QTableView *table, QWidget *parent)
    : QTableView(parent), m_table(table), m_scroll(new QScrollBar(Qt::Horizontal, parent))
{
    setObjectName(QStringLiteral("totalsFooter"));
    setAccessibleName(tr("Totals"));
    horizontalHeader()->hide();
    verticalHeader()->hide();
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setBackgroundRole(QPalette::AlternateBase);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setShowGrid(table->showGrid());
    setWordWrap(false);

    connect(table->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int logical, int, int size) { setColumnWidth(logical, size); });
    connect(table->horizontalHeader(), &QHeaderView::sectionMoved, this,
            [this](int, int from, int to) { horizontalHeader()->moveSection(from, to); });
    QScrollBar *tableBar = table->horizontalScrollBar();
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->hide();
    connect(tableBar, &QScrollBar::valueChanged, horizontalScrollBar(), &QScrollBar::setValue);
    connect(tableBar, &QScrollBar::valueChanged, m_scroll, &QScrollBar::setValue);
    connect(m_scroll, &QScrollBar::valueChanged, tableBar, &QScrollBar::setValue);
    connect(tableBar, &QScrollBar::rangeChanged, m_scroll, [this, tableBar](int min, int max) {
        m_scroll->setRange(min, max);
        m_scroll->setPageStep(tableBar->pageStep());
        m_scroll->setSingleStep(tableBar->singleStep());
        m_scroll->setVisible(max > min);
    });
    m_tableObject = table;
    m_verticalBar = table->verticalScrollBar();
    m_verticalBar->installEventFilter(this);
}

bool TotalsFooter::eventFilter(QObject *watched, QEvent *event)
{
    // While the table is destroyed its scroll bar still gets hide events, when the table (and then the bar
    // itself) is only a QWidget any more: calls on them as QTableView or QScrollBar are undefined
    // (UBSan). qobject_cast asks the virtual metaObject(), which answers for what is left.
    if (watched == m_verticalBar && qobject_cast<QScrollBar *>(watched) &&
        qobject_cast<QTableView *>(m_tableObject) &&
        (event->type() == QEvent::Show || event->type() == QEvent::Hide || event->type() == QEvent::Resize))
        followScrollBar();
    return QTableView::eventFilter(watched, event);
}

void TotalsFooter::followScrollBar()
{
    // Keep the columns aligned with the table, whose viewport is narrower by its vertical scroll bar.
    const QScrollBar *bar = m_table->verticalScrollBar();
    setViewportMargins(0, 0, bar->isVisibleTo(m_table) ? bar->width() : 0, 0);
    horizontalScrollBar()->setValue(m_table->horizontalScrollBar()->value());
}

void TotalsFooter::syncWithTable()
{
    if (!model())
        return;
    for (int c = 0; c < model()->columnCount(); ++c) {
        setItemDelegateForColumn(c, m_table->itemDelegateForColumn(c));
        setColumnHidden(c, m_table->isColumnHidden(c));
        // A total is often wider than any cell above it: widen the table's column to fit.
        const QModelIndex total = model()->index(0, c);
        if (total.data(MoneyRole).isValid() || total.data(SortRole).isValid())
            m_table->setColumnWidth(c, std::max(m_table->columnWidth(c), sizeHintForColumn(c)));
        setColumnWidth(c, m_table->columnWidth(c));
    }
    followScrollBar();
    updateGeometry();
}

void TotalsFooter::fitTableColumns()
{
    m_table->resizeColumnsToContents();
    m_table->viewport()->update();
    syncWithTable();
    viewport()->update();
}

QSize TotalsFooter::sizeHint() const
{
    const int row =
        model() && model()->rowCount() > 0 ? rowHeight(0) : verticalHeader()->defaultSectionSize();
    return QSize(QTableView::sizeHint().width(), row + 2 * frameWidth());
}

QSize TotalsFooter::minimumSizeHint() const
{
    return sizeHint();
}

} // namespace billing::ui
