#pragma once

#include "cli.h"

// The handlers of the command table (commands.cpp): each checks its arguments, runs the engine through
// its Call and returns what to print; Cli::execute does the rest.
namespace billing::cli {

using Reply = Result<Output>;

// commands_account.cpp
Reply cmdInit(Call &call);
Reply cmdTopUp(Call &call);
Reply cmdStatus(Call &call);
Reply cmdVerify(Call &call);
Reply cmdAudit(Call &call);
Reply cmdBackup(Call &call);
Reply cmdRestore(Call &call);
Reply cmdDemo(Call &call);
Reply cmdNotifications(Call &call);
// commands_engine.cpp
Reply cmdEnable(Call &call);
Reply cmdDisable(Call &call);
Reply cmdStopBilling(Call &call);
Reply cmdGrantCoupon(Call &call);
Reply cmdBuy(Call &call);
Reply cmdRenew(Call &call);
Reply cmdAutoRenew(Call &call);
Reply cmdUnsubscribe(Call &call);
Reply cmdImport(Call &call);
Reply cmdSettle(Call &call);
// commands_bills.cpp
Reply cmdBill(Call &call);
Reply cmdTransactions(Call &call);
Reply cmdLine(Call &call);
Reply cmdExportBill(Call &call);
Reply cmdExportFocus(Call &call);
// commands_analysis.cpp
Reply cmdCost(Call &call);
Reply cmdRecommend(Call &call);
Reply cmdForecast(Call &call);
Reply cmdPrice(Call &call);
Reply cmdTag(Call &call);
Reply cmdTags(Call &call);
Reply cmdAnomalies(Call &call);
// commands_rightsize.cpp
Reply cmdRightSize(Call &call);
// commands_whatif.cpp
Reply cmdWhatIf(Call &call);
// commands_budgets.cpp
Reply cmdBudget(Call &call);
Reply cmdBudgetSet(Call &call);
Reply cmdBudgetList(Call &call);
Reply cmdBudgetRemove(Call &call);
// commands_guards.cpp
Reply cmdGuard(Call &call);
Reply cmdGuardSet(Call &call);
Reply cmdGuardList(Call &call);
Reply cmdGuardRemove(Call &call);
Reply cmdGuardDryRun(Call &call);
// commands_members.cpp
Reply cmdMember(Call &call);
Reply cmdMemberSet(Call &call);
Reply cmdMemberList(Call &call);
Reply cmdMemberRemove(Call &call);
Reply cmdWhoami(Call &call);
// commands_profiles.cpp
Reply cmdProfile(Call &call);
Reply cmdProfileSave(Call &call);
Reply cmdProfileList(Call &call);
Reply cmdProfileShow(Call &call);
Reply cmdProfileRemove(Call &call);

// commands_close.cpp
Reply cmdClose(Call &call);
// commands_reconcile.cpp
Reply cmdReconcile(Call &call);
Reply cmdReconcileAccept(Call &call);

} // namespace billing::cli
