<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="71"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="71"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="71"/>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="71"/>
        <source>Terminal ID / serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="71"/>
        <source>Last close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="72"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="212"/>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="212"/>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="227"/>
        <source>Live: real money moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="228"/>
        <source>Test: the provider&apos;s test system; no real money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="237"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="242"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="242"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="242"/>
        <source>in doubt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="243"/>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="251"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="253"/>
        <source>Re-sending earlier close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="255"/>
        <source>Closing… {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="256"/>
        <source>Closing (try {n})… {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="258"/>
        <source>Retrying {n}… {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="260"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="262"/>
        <source>Failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="264"/>
        <source>In doubt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/terminals.py" line="266"/>
        <source>Skipped: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmCloseDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="30"/>
        <source>Close batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="37"/>
        <source>Close the batch of %n terminal(s)?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="45"/>
        <source>A batch close cannot be undone: the day&apos;s card payments go to the acquirer and the money starts moving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="52"/>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="53"/>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="57"/>
        <source>already closed today at {time}: skipped unless you tick the box below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="61"/>
        <source>its last close is in doubt: that same close is re-sent first, never a second one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="67"/>
        <source>Terminals to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="73"/>
        <source>%n LIVE terminal(s): real money.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="78"/>
        <source>Close again the terminals already closed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="84"/>
        <source>Close %n batch(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="52"/>
        <source>Closeout hit a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="53"/>
        <source>Something unexpected went wrong: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="55"/>
        <source>Every close that may have been sent is kept in the history. The details are in the log file:
{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InDoubtDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="48"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="64"/>
        <source>Closes in doubt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="56"/>
        <source>No answer came back for these closes, so they may have gone through. Closeout never starts a new close for such a terminal blindly. Re-send the same close (it cannot close twice), check with the provider, or, once you have checked, record what you found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="65"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="65"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="65"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="66"/>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="66"/>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="82"/>
        <source>&amp;Retry safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="84"/>
        <source>Re-send the same close with its original id: it cannot close twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="85"/>
        <source>&amp;Check with the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="87"/>
        <source>Mark &amp;closed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="89"/>
        <source>Mark &amp;not closed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="141"/>
        <source>Checking with the provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="148"/>
        <source>The check failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="159"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="159"/>
        <source>not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="161"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="169"/>
        <source>Mark {verdict}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="162"/>
        <source>You checked with the provider that the close of &apos;{name}&apos; started {when} is {verdict}.
Your name (kept in the history):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="170"/>
        <source>Note (optional), e.g. where you checked:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="59"/>
        <source>Closeout — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="111"/>
        <source>&amp;Add terminal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="112"/>
        <source>Add a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="113"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="114"/>
        <source>Edit the selected terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="115"/>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="116"/>
        <source>Remove the selected terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Close &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>Close the batches of the ticked terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="121"/>
        <source>Close a&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="122"/>
        <source>Close the batches of all terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="123"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="124"/>
        <source>Stop the closes that have not been sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="127"/>
        <source>Shop details, closing time, language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="128"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="130"/>
        <source>Quit Closeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>Closes in &amp;doubt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="132"/>
        <source>Review closes whose outcome is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="133"/>
        <source>Tick all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="134"/>
        <source>Tick every terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="137"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Demo: simulated terminals, no real money. Nothing you do here reaches a payment provider or your real settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="185"/>
        <source>Retry safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="187"/>
        <source>Re-send the same closes with their original ids: they cannot close twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>Terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="224"/>
        <location filename="../../app/ui/main_window.py" line="315"/>
        <source>Close selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="227"/>
        <source>Close all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="251"/>
        <source>No terminals yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Add your card terminals once; then one click closes all their batches at the end of the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="263"/>
        <source>Add terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="266"/>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="314"/>
        <source>Close selected (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="331"/>
        <source>A terminal named &apos;{name}&apos; already exists; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="391"/>
        <location filename="../../app/ui/main_window.py" line="397"/>
        <source>Remove terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="392"/>
        <source>The terminal was not removed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="412"/>
        <source>Not closed yesterday: {names}. Their money may be delayed: close them now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="415"/>
        <source>Terminals not closed yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="427"/>
        <source>%n terminal(s) still open: {names}. Close them now so the money moves.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="429"/>
        <location filename="../../app/ui/main_window.py" line="434"/>
        <source>Closing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="432"/>
        <source>Closing %n terminal(s) automatically: {names}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="438"/>
        <source>Not closed by {time}: {names}. Open Closeout to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="440"/>
        <source>Terminals still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="472"/>
        <source>%n close(s) in doubt ({names}): they may have gone through. Closeout will not close these terminals again blindly.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="492"/>
        <source>The terminal was removed; check in the provider&apos;s back office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="509"/>
        <source>Those terminals are already being closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="576"/>
        <source>Closing stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="577"/>
        <source>Closing stopped because of an unexpected error: {error}. Every close that may have been sent is in the history; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="613"/>
        <source>Closing: {done} of {total} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="617"/>
        <source>{total} of {total} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="624"/>
        <source>Cancelling: closes not sent yet are stopped; requests already sent finish or are recorded as in doubt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="639"/>
        <source>Closeout is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="640"/>
        <source>It reminds you at closing time. Quit from the tray icon&apos;s menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="653"/>
        <source>Closing in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="654"/>
        <source>Batches are being closed right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="655"/>
        <source>Closeout will stop the closes not sent yet, wait for the requests already sent to be answered (or record them as in doubt), and then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="657"/>
        <source>Stop and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="659"/>
        <source>Keep closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="667"/>
        <source>Waiting for requests already sent; Closeout quits when they are answered or recorded in doubt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSummaryDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="104"/>
        <source>Closing finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="110"/>
        <source>{closed} closed, {failed} failed, {doubt} in doubt, {skipped} skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="123"/>
        <source>In doubt: these may have closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="124"/>
        <source>No answer came back, so nobody knows yet whether these batches closed. Do not close them by other means. Closeout re-sends the same close (it cannot close twice) the next time you close them, or check in the provider&apos;s back office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="128"/>
        <source>Failed: not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="129"/>
        <source>Fix the reason shown, then close these terminals again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="131"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="133"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="136"/>
        <source>Closing summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="33"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="39"/>
        <source>Shop (printed on the closing report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="43"/>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="47"/>
        <source>Shop address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="49"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="50"/>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="53"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="59"/>
        <source>Closing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="55"/>
        <source>&amp;Remind me at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="67"/>
        <source>when a terminal is still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="70"/>
        <source>Close &amp;automatically at that time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="77"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="85"/>
        <source>Retry failed terminals every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="87"/>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="91"/>
        <source>Reminders and automatic closes happen while Closeout runs (it can stay in the system tray). For a PC where it does not, schedule &apos;closeout close --all --yes&apos; (see the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="99"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="103"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="104"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="108"/>
        <source>&amp;Language (after a restart):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="109"/>
        <source>Keep running in the system &amp;tray when the window is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="159"/>
        <source>The settings could not be saved: {reason}. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="169"/>
        <source>Add terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="170"/>
        <source>Edit terminal &apos;{name}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="185"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="208"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="231"/>
        <source>The provider of a terminal cannot be changed; add a new terminal instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="235"/>
        <source>&amp;Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="235"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="239"/>
        <source>e.g. Counter 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="240"/>
        <source>How this terminal is called in Closeout; any name you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="242"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="242"/>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="243"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="250"/>
        <source>Sh&amp;ow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="251"/>
        <source>&amp;Advanced settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="362"/>
        <source>Settings you normally leave empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="410"/>
        <source>Leave empty to use {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="429"/>
        <source>Leave empty to keep the stored one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="430"/>
        <source>Kept only in this computer&apos;s credential store, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="434"/>
        <source>Show {secret}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="435"/>
        <source>Show the characters you typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="511"/>
        <source>A terminal named &apos;{name}&apos; already exists; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="522"/>
        <source>{label} {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="563"/>
        <source>To save, fill in or correct: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="565"/>
        <source>(Some are under Advanced settings.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="588"/>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="599"/>
        <source>Not saved. {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="598"/>
        <source>The terminal could not be stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="26"/>
        <source>Show Closeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="27"/>
        <source>Close all now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="28"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
