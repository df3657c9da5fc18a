#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>
#include <vector>

namespace billing {

namespace {
// The translators applyLocale() installed, so a second call can replace them.
std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

bool install(const QLocale &locale, const QString &name, const QString &directory)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), directory))
        return false;
    QCoreApplication::installTranslator(translator.get());
    installed().push_back(std::move(translator));
    return true;
}
} // namespace

QList<QLocale> translatedLocales()
{
    return {QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China)};
}

bool applyLocale(const QLocale &locale)
{
    for (const auto &translator : installed())
        QCoreApplication::removeTranslator(translator.get());
    installed().clear();
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;
    const bool ours = install(locale, QStringLiteral("billing"), QStringLiteral(":/i18n"));
    // Qt's own texts (QDialogButtonBox, QMessageBox, context menus); missing on a system without them.
    if (ours)
        install(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return ours;
}

} // namespace billing
