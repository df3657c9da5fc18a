#pragma once

#include "widgets/page.h"

class QLabel;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class ErrorBanner;
class ServiceTableModel;

// Which API services are switched on in which region (read-only for now).
class ServicesPage : public Page
{
    Q_OBJECT

public:
    ServicesPage(Engine &engine, QWidget *parent);

    void refresh() override;
    ServiceTableModel *model() const { return m_model; }

private:
    Engine &m_engine;
    ServiceTableModel *m_model;
    ErrorBanner *m_banner;
    QLabel *m_summary;
    QLabel *m_hint;
    QTableView *m_table;
};

} // namespace billing::ui
