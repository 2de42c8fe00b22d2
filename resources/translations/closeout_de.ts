<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="33"/>
        <location filename="../../app/ui/dialogs/about.py" line="38"/>
        <source>About Closeout</source>
        <translation>Über Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="43"/>
        <source> (the demo&apos;s throwaway folder)</source>
        <translation> (der Wegwerf-Ordner der Demo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="44"/>
        <source>Closes the day&apos;s card-terminal batches of a shop, across payment providers.</source>
        <translation>Schließt die Tagesstapel der Kartenterminals eines Geschäfts ab, über alle Zahlungsanbieter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Home folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Settings file</source>
        <translation>Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="46"/>
        <source>Passwords and API keys are kept only in the operating system&apos;s credential store.</source>
        <translation>Passwörter und API-Schlüssel liegen nur im Anmeldeinformationsspeicher des Betriebssystems.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="47"/>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
</context>
<context>
    <name>ChainSettings</name>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="58"/>
        <source>Chain server address</source>
        <translation>Adresse des Kettenservers</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="62"/>
        <source>Shop name in the chain</source>
        <translation>Name des Geschäfts in der Kette</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="66"/>
        <source>This PC&apos;s name in the chain</source>
        <translation>Name dieses PCs in der Kette</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="70"/>
        <source>Password of the chain&apos;s role</source>
        <translation>Passwort der Rolle der Kette</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="71"/>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="72"/>
        <source>&amp;Shop:</source>
        <translation>&amp;Geschäft:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="73"/>
        <source>&amp;PC name:</source>
        <translation>&amp;PC-Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="74"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="78"/>
        <source>The password is kept in the system&apos;s credential store, never in the settings. Connecting creates or updates the chain&apos;s tables and sends this PC&apos;s terminals and closes.</source>
        <translation>Das Passwort wird im Anmeldedatenspeicher des Systems aufbewahrt, nie in den Einstellungen. Beim Verbinden werden die Tabellen der Kette angelegt oder aktualisiert und die Terminals und Abschlüsse dieses PCs gesendet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="88"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="91"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="94"/>
        <source>&amp;Disconnect</source>
        <translation>Tr&amp;ennen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="109"/>
        <source>&amp;Only close with the chain&apos;s lock (skip a terminal when the chain cannot be reached)</source>
        <translation>&amp;Nur mit der Sperre der Kette abschließen (ein Terminal auslassen, wenn die Kette nicht erreichbar ist)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="115"/>
        <source>Without it, a close still goes out when the chain cannot be reached, with a warning: a shop&apos;s close never waits for head office.</source>
        <translation>Ohne diese Einstellung wird ein Abschluss auch dann gesendet, wenn die Kette nicht erreichbar ist, mit einer Warnung: der Abschluss eines Geschäfts wartet nie auf die Zentrale.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="124"/>
        <source>The demo is never connected to a chain.</source>
        <translation>Die Demo ist nie mit einer Kette verbunden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="151"/>
        <source>This PC is not connected to a chain.</source>
        <translation>Dieser PC ist mit keiner Kette verbunden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="158"/>
        <source>Connected to {server} as shop &apos;{shop}&apos;, PC &apos;{pc}&apos;.</source>
        <translation>Verbunden mit {server} als Geschäft „{shop}“, PC „{pc}“.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="199"/>
        <source>That did not work because of an unexpected error (details are in the log). Nothing was changed; try again, or use &apos;closeout chain&apos; in a terminal.</source>
        <translation>Das hat wegen eines unerwarteten Fehlers nicht geklappt (Einzelheiten im Protokoll). Nichts wurde geändert; versuchen Sie es erneut oder verwenden Sie „closeout chain“ in einem Terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="232"/>
        <source>Type the chain server&apos;s address first (postgresql://user@host:5432/database).</source>
        <translation>Geben Sie zuerst die Adresse des Kettenservers ein (postgresql://user@host:5432/database).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="237"/>
        <source>Type the password of the chain&apos;s role to test the connection.</source>
        <translation>Geben Sie das Passwort der Rolle der Kette ein, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="240"/>
        <source>The chain&apos;s password is not in the credential store; type it and test again.</source>
        <translation>Das Passwort der Kette ist nicht im Anmeldedatenspeicher; geben Sie es ein und testen Sie erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="252"/>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet …</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="264"/>
        <source>Give the server&apos;s address, the shop&apos;s name and the password of the chain&apos;s role, then connect.</source>
        <translation>Geben Sie die Adresse des Servers, den Namen des Geschäfts und das Passwort der Rolle der Kette an und verbinden Sie dann.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="272"/>
        <source>Connected to {server} as shop &apos;{shop}&apos;, PC &apos;{pc}&apos; ({schema}). This PC&apos;s terminals and closes are being sent; the status bar shows how it goes.</source>
        <translation>Verbunden mit {server} als Geschäft „{shop}“, PC „{pc}“ ({schema}). Die Terminals und Abschlüsse dieses PCs werden gesendet; die Statusleiste zeigt den Fortschritt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="275"/>
        <source>created the chain schema (version {after})</source>
        <translation>Schema der Kette angelegt (Version {after})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="276"/>
        <source>migrated the chain schema from version {before} to {after}</source>
        <translation>Schema der Kette von Version {before} auf {after} aktualisiert</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="277"/>
        <source>chain schema version {after}</source>
        <translation>Schema der Kette Version {after}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="288"/>
        <source>Connecting…</source>
        <translation>Verbinden …</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="292"/>
        <source>This PC is not connected to a chain; nothing changed.</source>
        <translation>Dieser PC ist mit keiner Kette verbunden; nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="294"/>
        <source>Disconnected from {server}: nothing more is sent, and the password was removed from the credential store. The chain keeps what it already has.</source>
        <translation>Von {server} getrennt: es wird nichts mehr gesendet, und das Passwort wurde aus dem Anmeldedatenspeicher entfernt. Die Kette behält, was sie schon hat.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="302"/>
        <source>Disconnecting…</source>
        <translation>Trennen …</translation>
    </message>
</context>
<context>
    <name>ClosingReport</name>
    <message>
        <location filename="../../app/core/report.py" line="49"/>
        <source>Closing report</source>
        <translation>Abschlussbericht</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="50"/>
        <source>Shop name not set (Settings)</source>
        <translation>Name des Geschäfts nicht festgelegt (Einstellungen)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="51"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="52"/>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="53"/>
        <source>{closed} of {total} terminals closed</source>
        <translation>{closed} von {total} Terminals abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="54"/>
        <source>{n} failed</source>
        <translation>{n} fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="55"/>
        <source>{n} in doubt</source>
        <translation>{n} ungewiss</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="56"/>
        <source>{n} not closed</source>
        <translation>{n} nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="57"/>
        <source>Terminals</source>
        <translation>Terminals</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="58"/>
        <source>No terminals are configured and none closed on this day.</source>
        <translation>Es sind keine Terminals eingerichtet, und an diesem Tag wurde keines abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="59"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="60"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="61"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="62"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="63"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="64"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="65"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="66"/>
        <source>Tip</source>
        <translation>Trinkgeld</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="67"/>
        <source>Surcharge</source>
        <translation>Zuschlag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="68"/>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="69"/>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="70"/>
        <source>Request id</source>
        <translation>Request-ID</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="71"/>
        <source>Trace id</source>
        <translation>Trace-ID</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="72"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="73"/>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="74"/>
        <source>removed since</source>
        <translation>inzwischen entfernt</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="75"/>
        <source>{n} closes this day</source>
        <translation>{n} Abschlüsse an diesem Tag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="76"/>
        <source>{provider} reports no batch number or amounts</source>
        <translation>{provider} meldet keine Batch-Nummer und keine Beträge</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="77"/>
        <source>after {n} tries</source>
        <translation>nach {n} Versuchen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="78"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="79"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="80"/>
        <source>In doubt</source>
        <translation>Ungewiss</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="81"/>
        <source>NOT CLOSED</source>
        <translation>NICHT ABGESCHLOSSEN</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="82"/>
        <source>Being sent</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="83"/>
        <source>Nothing to close</source>
        <translation>Nichts abzuschließen</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="84"/>
        <source>Totals per currency</source>
        <translation>Summen pro Währung</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="85"/>
        <source>Test terminals (not real money)</source>
        <translation>Test-Terminals (kein echtes Geld)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="86"/>
        <source>No closed batch of this day reported amounts.</source>
        <translation>Kein Tagesabschluss dieses Tages hat Beträge gemeldet.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="87"/>
        <source>The totals leave out {names}: {providers} does not report batch numbers or amounts when closing; take those from the provider&apos;s back office.</source>
        <translation>Die Summen enthalten {names} nicht: {providers} meldet beim Abschluss keine Batch-Nummern oder Beträge; entnehmen Sie diese dem Backoffice des Anbieters.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="92"/>
        <source>What to do next</source>
        <translation>Was jetzt zu tun ist</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="93"/>
        <source>Nothing to do: every terminal closed.</source>
        <translation>Nichts zu tun: Alle Terminals sind abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="94"/>
        <source>The close at {time} failed: {reason} Close it again after fixing that.</source>
        <translation>Der Abschluss um {time} ist fehlgeschlagen: {reason} Schließen Sie erneut ab, sobald das behoben ist.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="97"/>
        <source>The close at {time} failed. Close it again after fixing the reason shown in the history.</source>
        <translation>Der Abschluss um {time} ist fehlgeschlagen. Schließen Sie erneut ab, sobald der im Verlauf angezeigte Grund behoben ist.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="100"/>
        <source>An earlier close at {time} went through; close again only if payments came in after it.</source>
        <translation>Ein früherer Abschluss um {time} ist durchgegangen; schließen Sie nur erneut ab, wenn danach noch Zahlungen eingegangen sind.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="103"/>
        <source>The close at {time} is in doubt: it may have gone through. Closeout re-sends the same close next time, so it cannot close twice; check in the {provider} back office.</source>
        <translation>Der Abschluss um {time} ist ungewiss: Er könnte durchgegangen sein. Closeout sendet beim nächsten Mal denselben Abschluss erneut, es kann also nicht doppelt abgeschlossen werden; prüfen Sie im Backoffice von {provider}.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="108"/>
        <source>Not closed on this day. Close it now.</source>
        <translation>An diesem Tag nicht abgeschlossen. Schließen Sie jetzt ab.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="109"/>
        <source>A close started at {time} was still being sent when this report was made; make the report again in a minute.</source>
        <translation>Ein um {time} gestarteter Abschluss wurde noch gesendet, als dieser Bericht erstellt wurde; erstellen Sie den Bericht in einer Minute erneut.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="113"/>
        <source>References for support</source>
        <translation>Referenzen für den Support</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="114"/>
        <source>Amounts in major units of each currency; times are local.</source>
        <translation>Beträge in der Haupteinheit jeder Währung; Zeiten in Ortszeit.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="115"/>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="116"/>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="117"/>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="118"/>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="119"/>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="120"/>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="121"/>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
</context>
<context>
    <name>ClosingTimeController</name>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="73"/>
        <source>Not closed yesterday: {names}. Their money may be delayed: close them now.</source>
        <translation>Gestern nicht abgeschlossen: {names}. Das Geld kann sich verzögern: Schließen Sie jetzt ab.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="77"/>
        <source>Terminals not closed yesterday</source>
        <translation>Gestern nicht abgeschlossene Terminals</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/controllers/closing_time.py" line="111"/>
        <source>%n terminal(s) still open: {names}. Close them now so the money moves.</source>
        <translation>
            <numerusform>%n Terminal noch offen: {names}. Schließen Sie es jetzt ab, damit das Geld fließt.</numerusform>
            <numerusform>%n Terminals noch offen: {names}. Schließen Sie sie jetzt ab, damit das Geld fließt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="113"/>
        <location filename="../../app/ui/controllers/closing_time.py" line="117"/>
        <source>Closing time</source>
        <translation>Abschlusszeit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/controllers/closing_time.py" line="116"/>
        <source>Closing %n terminal(s) automatically: {names}</source>
        <translation>
            <numerusform>%n Terminal wird automatisch abgeschlossen: {names}</numerusform>
            <numerusform>%n Terminals werden automatisch abgeschlossen: {names}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="121"/>
        <source>Not closed by {time}: {names}. Open Closeout to see why.</source>
        <translation>Bis {time} nicht abgeschlossen: {names}. Öffnen Sie Closeout, um den Grund zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="124"/>
        <source>Terminals still open</source>
        <translation>Terminals noch offen</translation>
    </message>
</context>
<context>
    <name>ConfirmCloseDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="46"/>
        <source>Close batches</source>
        <translation>Tagesabschluss durchführen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="153"/>
        <source>nothing to close: the open batch has no transactions</source>
        <translation>nichts abzuschließen: der offene Stapel enthält keine Transaktionen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="165"/>
        <source>Close the batch of %n terminal(s)?</source>
        <translation>
            <numerusform>Tagesabschluss für %n Terminal durchführen?</numerusform>
            <numerusform>Tagesabschluss für %n Terminals durchführen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="61"/>
        <source>A batch close cannot be undone: the day&apos;s card payments go to the acquirer and the money starts moving.</source>
        <translation>Ein Tagesabschluss kann nicht rückgängig gemacht werden: Die Kartenzahlungen des Tages gehen an den Acquirer, und die Auszahlung beginnt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="124"/>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="126"/>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="137"/>
        <source>its last close is in doubt: that same close is re-sent first, never a second one</source>
        <translation>letzter Abschluss ungewiss: Derselbe Abschluss wird zuerst erneut gesendet, nie ein zweiter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="70"/>
        <source>Terminals to close</source>
        <translation>Abzuschließende Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="80"/>
        <source>Close again the terminals already closed this business day</source>
        <translation>Terminals, die an diesem Geschäftstag schon abgeschlossen wurden, erneut abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="149"/>
        <source>already closed this business day at {time}; tick the box below to close it again</source>
        <translation>an diesem Geschäftstag schon um {time} abgeschlossen; zum erneuten Abschluss unten das Kästchen ankreuzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="155"/>
        <source>the same physical terminal as another entry of this run, which is closed once</source>
        <translation>dasselbe Gerät wie ein anderer Eintrag dieses Laufs, es wird nur einmal abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="158"/>
        <source>this PC&apos;s clock looks wrong (a recorded close lies in the future): set the date and time first</source>
        <translation>die Uhr dieses PCs scheint falsch zu gehen (ein gespeicherter Abschluss liegt in der Zukunft): stellen Sie zuerst Datum und Uhrzeit richtig</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="165"/>
        <source>Nothing to close</source>
        <translation>Nichts abzuschließen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="171"/>
        <source>Will be closed (%n):</source>
        <translation>
            <numerusform>Wird abgeschlossen (%n):</numerusform>
            <numerusform>Werden abgeschlossen (%n):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="179"/>
        <source>Skipped, nothing is sent (%n):</source>
        <translation>
            <numerusform>Übersprungen, nichts wird gesendet (%n):</numerusform>
            <numerusform>Übersprungen, nichts wird gesendet (%n):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="189"/>
        <source>%n LIVE terminal(s): real money.</source>
        <translation>
            <numerusform>%n LIVE-Terminal: echtes Geld.</numerusform>
            <numerusform>%n LIVE-Terminals: echtes Geld.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="191"/>
        <source>&amp;Close %n batch(es)</source>
        <translation>
            <numerusform>%n Tagesabschluss &amp;durchführen</numerusform>
            <numerusform>%n Tagesabschlüsse &amp;durchführen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="55"/>
        <source>Closeout hit a problem</source>
        <translation>Closeout ist auf ein Problem gestoßen</translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="58"/>
        <source>Something unexpected went wrong: {what}.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen: {what}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="60"/>
        <source>Every close that may have been sent is kept in the history. The details are in the log file:
{path}</source>
        <translation>Jeder Abschluss, der gesendet worden sein könnte, bleibt im Verlauf erhalten. Die Details stehen in der Protokolldatei:
{path}</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="_runtime_strings.py" line="17"/>
        <source>LIVE</source>
        <extracomment>app/ui/models/history.py:82</extracomment>
        <translation>LIVE</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="19"/>
        <source>Marked closed</source>
        <extracomment>app/ui/models/history.py:66</extracomment>
        <translation>Als abgeschlossen markiert</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="21"/>
        <source>Marked not closed</source>
        <extracomment>app/ui/models/history.py:66</extracomment>
        <translation>Als nicht abgeschlossen markiert</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="23"/>
        <source>test</source>
        <extracomment>app/ui/models/history.py:82</extracomment>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="25"/>
        <source>Closed</source>
        <extracomment>app/ui/models/history.py:68</extracomment>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="27"/>
        <source>Failed</source>
        <extracomment>app/ui/models/history.py:69</extracomment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="29"/>
        <source>In doubt</source>
        <extracomment>app/ui/models/history.py:70</extracomment>
        <translation>Ungewiss</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="31"/>
        <source>Being sent</source>
        <extracomment>app/ui/models/history.py:71</extracomment>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="33"/>
        <source>Nothing to close</source>
        <extracomment>app/ui/models/history.py:72</extracomment>
        <translation>Nichts abzuschließen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="35"/>
        <source>Started</source>
        <extracomment>app/ui/models/history.py:244</extracomment>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="37"/>
        <source>Terminal</source>
        <extracomment>app/ui/models/history.py:245</extracomment>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="39"/>
        <source>Provider</source>
        <extracomment>app/ui/models/history.py:246</extracomment>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="41"/>
        <source>Environment</source>
        <extracomment>app/ui/models/history.py:247</extracomment>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="43"/>
        <source>Outcome</source>
        <extracomment>app/ui/models/history.py:248</extracomment>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="45"/>
        <source>Attempts</source>
        <extracomment>app/ui/models/history.py:249</extracomment>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="47"/>
        <source>Message</source>
        <extracomment>app/ui/models/history.py:250</extracomment>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../../app/ui/history_view.py" line="109"/>
        <source>Close history</source>
        <translation>Abschlussverlauf</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="141"/>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="142"/>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="146"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="153"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="154"/>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>In doubt</source>
        <translation>Ungewiss</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="161"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="162"/>
        <source>Terminal, request id, trace id, code or message</source>
        <translation>Terminal, Request-ID, Trace-ID, Code oder Meldung</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="184"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="185"/>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="186"/>
        <source>Ter&amp;minal</source>
        <translation>Ter&amp;minal</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="187"/>
        <source>&amp;Outcome</source>
        <translation>&amp;Ergebnis</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="188"/>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="204"/>
        <source>Closes</source>
        <translation>Abschlüsse</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="235"/>
        <source>Close details</source>
        <translation>Details zum Abschluss</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="255"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="257"/>
        <location filename="../../app/ui/history_view.py" line="616"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="259"/>
        <source>Export the filtered closes as CSV</source>
        <translation>Die gefilterten Abschlüsse als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="261"/>
        <source>Export every close matching the filters (not only those loaded) to a CSV file</source>
        <translation>Alle zu den Filtern passenden Abschlüsse (nicht nur die geladenen) in eine CSV-Datei exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="303"/>
        <source>All terminals</source>
        <translation>Alle Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="308"/>
        <source>{name} (removed)</source>
        <translation>{name} (entfernt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="310"/>
        <source>{name} (removed, last close {day})</source>
        <translation>{name} (entfernt, letzter Abschluss {day})</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="431"/>
        <source>Select a close to see its details: request and trace ids, the provider&apos;s answer, the batch and who settled it.</source>
        <translation>Wählen Sie einen Abschluss, um die Details zu sehen: Request- und Trace-ID, die Antwort des Anbieters, den Batch und wer ihn von Hand geklärt hat.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="467"/>
        <source>Close</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="469"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="470"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="471"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="473"/>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="475"/>
        <source>Request id</source>
        <translation>Request-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="476"/>
        <source>Trace id</source>
        <translation>Trace-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="478"/>
        <source>Forced</source>
        <translation>Erzwungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="478"/>
        <source>yes: closed again on purpose the same day</source>
        <translation>ja: am selben Tag absichtlich nochmals abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="480"/>
        <location filename="../../app/ui/history_view.py" line="488"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="484"/>
        <source>Provider&apos;s answer</source>
        <translation>Antwort des Anbieters</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="486"/>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="487"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="501"/>
        <source>Batch number</source>
        <translation>Batch-Nummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="502"/>
        <source>Batch time</source>
        <translation>Batch-Zeit</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="503"/>
        <source>Transactions</source>
        <translation>Transaktionen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="504"/>
        <source>Net amount</source>
        <translation>Nettobetrag</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="505"/>
        <source>Tip</source>
        <translation>Trinkgeld</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="506"/>
        <source>Surcharge</source>
        <translation>Zuschlag</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="507"/>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="515"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="519"/>
        <source>Settled by a person</source>
        <translation>Von Hand geklärt</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="522"/>
        <source>Marked</source>
        <translation>Markiert als</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="523"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="523"/>
        <source>not closed</source>
        <translation>nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="525"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="526"/>
        <source>On</source>
        <translation>Am</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="527"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="533"/>
        <source>For support</source>
        <translation>Für den Support</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="534"/>
        <source>Terminal key</source>
        <translation>Terminal-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="534"/>
        <source>Close number</source>
        <translation>Abschlussnummer</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="544"/>
        <source>The history could not be read: {reason}</source>
        <translation>Der Verlauf konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="546"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="546"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="548"/>
        <source>No closes match these filters.</source>
        <translation>Keine Abschlüsse passen zu diesen Filtern.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="550"/>
        <source>{shown} closes shown; counting…</source>
        <translation>{shown} Abschlüsse angezeigt; wird gezählt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="552"/>
        <source>Matching closes: {total}</source>
        <translation>Passende Abschlüsse: {total}</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="554"/>
        <source>Matching closes: {total} ({shown} loaded; scroll for more)</source>
        <translation>Passende Abschlüsse: {total} ({shown} geladen; für mehr weiterscrollen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="572"/>
        <source>Export closes as CSV</source>
        <translation>Abschlüsse als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="572"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="584"/>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="585"/>
        <source>Cancel &amp;export</source>
        <translation>Export a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="611"/>
        <source>Exporting… {rows} closes written</source>
        <translation>Wird exportiert… {rows} Abschlüsse geschrieben</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="619"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="626"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="628"/>
        <source>The closes could not be exported to {path}: {reason}. Choose another folder or free some space, then export again.</source>
        <translation>Die Abschlüsse konnten nicht nach {path} exportiert werden: {reason}. Wählen Sie einen anderen Ordner oder schaffen Sie Speicherplatz, und exportieren Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="637"/>
        <source>Exported {rows} closes to {name}</source>
        <translation>{rows} Abschlüsse nach {name} exportiert</translation>
    </message>
</context>
<context>
    <name>ImportTerminalsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="100"/>
        <source>Import terminals</source>
        <translation>Terminals importieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="114"/>
        <source>&amp;Look up terminals</source>
        <translation>Terminals &amp;suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="116"/>
        <source>Look up terminals</source>
        <translation>Terminals suchen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="117"/>
        <source>Ask the provider which terminals this account has. Nothing is changed.</source>
        <translation>Beim Anbieter abfragen, welche Terminals zu diesem Konto gehören. Es wird nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="123"/>
        <source>Looking up</source>
        <translation>Suche läuft</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="130"/>
        <source>Lookup status</source>
        <translation>Stand der Suche</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="134"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="137"/>
        <source>&amp;Tick all new terminals</source>
        <translation>Alle &amp;neuen Terminals anhaken</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="139"/>
        <source>Tick all new terminals</source>
        <translation>Alle neuen Terminals anhaken</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="145"/>
        <source>Terminals found</source>
        <translation>Gefundene Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="146"/>
        <source>Tick the terminals to add; edit a name by double-clicking it.</source>
        <translation>Haken Sie die Terminals an, die hinzugefügt werden sollen; einen Namen ändern Sie per Doppelklick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Name in Closeout</source>
        <translation>Name in Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="168"/>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="407"/>
        <source>&amp;Add selected</source>
        <translation>Auswahl &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="170"/>
        <source>Add selected terminals</source>
        <translation>Ausgewählte Terminals hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="180"/>
        <source>Stored with every imported terminal, only in this computer&apos;s credential store.</source>
        <translation>Wird mit jedem importierten Terminal gespeichert, nur im Passwortspeicher dieses Computers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="253"/>
        <source>The details changed: look up again.</source>
        <translation>Die Angaben haben sich geändert: Bitte erneut suchen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="301"/>
        <source>The lookup failed unexpectedly ({error}). Try again; if it keeps failing, add the terminals one by one.</source>
        <translation>Die Suche ist unerwartet fehlgeschlagen ({error}). Versuchen Sie es erneut; wenn es weiterhin nicht klappt, fügen Sie die Terminals einzeln hinzu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="321"/>
        <source>Looking up…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="330"/>
        <source>{label} {problem}</source>
        <translation>{label} {problem}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="357"/>
        <source>Found %n terminal(s).</source>
        <translation>
            <numerusform>%n Terminal gefunden.</numerusform>
            <numerusform>%n Terminals gefunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="359"/>
        <source>%n already added.</source>
        <translation>
            <numerusform>%n bereits hinzugefügt.</numerusform>
            <numerusform>%n bereits hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="361"/>
        <source>There is nothing new to add.</source>
        <translation>Es gibt nichts Neues hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="363"/>
        <source>The account has no terminals.</source>
        <translation>Das Konto hat keine Terminals.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="373"/>
        <source>Double-click to change the name.</source>
        <translation>Doppelklicken, um den Namen zu ändern.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="377"/>
        <source>Already added as &apos;{name}&apos;</source>
        <translation>Bereits als „{name}“ hinzugefügt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="407"/>
        <source>&amp;Add %n terminal(s)</source>
        <translation>
            <numerusform>%n Terminal &amp;hinzufügen</numerusform>
            <numerusform>%n Terminals &amp;hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="426"/>
        <source>&apos;{name}&apos; is already used; choose another name.</source>
        <translation>„{name}“ ist bereits vergeben; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="432"/>
        <source>Nothing added. Terminal {terminal}: {label} {problem}</source>
        <translation>Nichts hinzugefügt. Terminal {terminal}: {label} {problem}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="433"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="464"/>
        <source>%n terminal(s) added.</source>
        <translation>
            <numerusform>%n Terminal hinzugefügt.</numerusform>
            <numerusform>%n Terminals hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="466"/>
        <source>Not added: {failures}</source>
        <translation>Nicht hinzugefügt: {failures}</translation>
    </message>
</context>
<context>
    <name>InDoubtBanner</name>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="36"/>
        <source>Retry safely</source>
        <translation>Sicher wiederholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="38"/>
        <source>Re-send the same closes with their original ids: they cannot close twice</source>
        <translation>Dieselben Abschlüsse mit ihren ursprünglichen IDs erneut senden: Sie können nicht doppelt abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="40"/>
        <source>Review…</source>
        <translation>Prüfen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="57"/>
        <source>%n close(s) in doubt ({names}): they may have gone through. Closeout will not close these terminals again blindly.</source>
        <translation>
            <numerusform>%n ungewisser Abschluss ({names}): Er könnte durchgegangen sein. Closeout schließt dieses Terminal nicht blind nochmals ab.</numerusform>
            <numerusform>%n ungewisse Abschlüsse ({names}): Sie könnten durchgegangen sein. Closeout schließt diese Terminals nicht blind nochmals ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InDoubtDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="45"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="64"/>
        <source>Closes in doubt</source>
        <translation>Ungewisse Abschlüsse</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="54"/>
        <source>No answer came back for these closes, so they may have gone through. Closeout never starts a new close for such a terminal blindly. Re-send the same close (it cannot close twice), check with the provider, or, once you have checked, record what you found.</source>
        <translation>Für diese Abschlüsse kam keine Antwort zurück, sie könnten also durchgegangen sein. Closeout startet für ein solches Terminal nie blind einen neuen Abschluss. Senden Sie denselben Abschluss erneut (er kann nicht doppelt abschließen), fragen Sie beim Anbieter nach oder halten Sie nach der Prüfung fest, was Sie herausgefunden haben.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="67"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="68"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="69"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="70"/>
        <source>Request id</source>
        <translation>Request-ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="71"/>
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="89"/>
        <source>&amp;Retry safely</source>
        <translation>&amp;Sicher wiederholen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="91"/>
        <source>Re-send the same close with its original id: it cannot close twice</source>
        <translation>Denselben Abschluss mit seiner ursprünglichen ID erneut senden: Er kann nicht doppelt abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="92"/>
        <source>&amp;Check with the provider</source>
        <translation>Beim &amp;Anbieter nachfragen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="94"/>
        <source>Mark &amp;closed…</source>
        <translation>Als a&amp;bgeschlossen markieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="96"/>
        <source>Mark &amp;not closed…</source>
        <translation>Als &amp;nicht abgeschlossen markieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="153"/>
        <source>Checking with the provider…</source>
        <translation>Nachfrage beim Anbieter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="160"/>
        <source>The check failed: {error}</source>
        <translation>Die Nachfrage ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="171"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="171"/>
        <source>not closed</source>
        <translation>nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="174"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="186"/>
        <source>Mark {verdict}</source>
        <translation>Als {verdict} markieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="176"/>
        <source>You checked with the provider that the close of &apos;{name}&apos; started {when} is {verdict}.
Your name (kept in the history):</source>
        <translation>Sie haben beim Anbieter geprüft, dass der Abschluss von „{name}“ (gestartet {when}) {verdict} ist.
Ihr Name (wird im Verlauf gespeichert):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="186"/>
        <source>Note (optional), e.g. where you checked:</source>
        <translation>Notiz (freiwillig), z. B. wo Sie nachgesehen haben:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="73"/>
        <source>Closeout — Demo</source>
        <translation>Closeout — Demo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151"/>
        <source>&amp;Add terminal…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="155"/>
        <source>Add a terminal</source>
        <translation>Ein Terminal hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>&amp;Edit…</source>
        <translation>Än&amp;dern…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>Edit the selected terminal</source>
        <translation>Das ausgewählte Terminal bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="162"/>
        <source>&amp;Import terminals…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <location filename="../../app/ui/main_window.py" line="444"/>
        <source>Look up the terminals of a Saferpay, SUNBAY or Handpoint account and add them</source>
        <translation>Die Terminals eines Saferpay-, SUNBAY- oder Handpoint-Kontos suchen und hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="170"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="174"/>
        <source>Remove the selected terminal</source>
        <translation>Das ausgewählte Terminal entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="178"/>
        <source>Close &amp;selected</source>
        <translation>&amp;Auswahl abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>Close the batches of the ticked terminals</source>
        <translation>Tagesabschluss für die angehakten Terminals durchführen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="186"/>
        <source>Close a&amp;ll</source>
        <translation>A&amp;lle abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>Close the batches of all terminals</source>
        <translation>Tagesabschluss für alle Terminals durchführen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="194"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="198"/>
        <source>Stop the closes that have not been sent yet</source>
        <translation>Die noch nicht gesendeten Abschlüsse stoppen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="202"/>
        <source>Se&amp;ttings…</source>
        <translation>Einstellun&amp;gen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="206"/>
        <source>Shop details, closing time, language</source>
        <translation>Geschäftsdaten, Abschlusszeit, Sprache</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="210"/>
        <source>&amp;Quit</source>
        <translation>Beende&amp;n</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="214"/>
        <source>Quit Closeout</source>
        <translation>Closeout beenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="218"/>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="222"/>
        <source>Every close: filters, details, CSV export</source>
        <translation>Alle Abschlüsse: Filter, Details, CSV-Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="226"/>
        <source>Closing &amp;report…</source>
        <translation>Be&amp;richt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="230"/>
        <source>Print or save the day&apos;s closing report</source>
        <translation>Den Abschlussbericht des Tages drucken oder speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="234"/>
        <source>&amp;Shops…</source>
        <translation>&amp;Geschäfte…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>Every shop of the chain: who has closed, who has not</source>
        <translation>Alle Geschäfte der Kette: wer abgeschlossen hat und wer nicht</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="242"/>
        <source>Closes in &amp;doubt…</source>
        <translation>&amp;Ungewisse Abschlüsse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="246"/>
        <source>Review closes whose outcome is unknown</source>
        <translation>Abschlüsse mit unbekanntem Ergebnis prüfen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <source>&amp;About Closeout</source>
        <translation>Ü&amp;ber Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <source>Version, folders and licences</source>
        <translation>Version, Ordner und Lizenzen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="253"/>
        <source>Tick all</source>
        <translation>Alle anhaken</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Tick every terminal</source>
        <translation>Jedes Terminal anhaken</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="265"/>
        <source>&amp;Terminals</source>
        <translation>&amp;Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>&amp;Close</source>
        <translation>&amp;Abschluss</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="288"/>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="289"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="300"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="325"/>
        <source>Demo: simulated terminals, no real money. Nothing you do here reaches a payment provider or your real settings.</source>
        <translation>Demo: simulierte Terminals, kein echtes Geld. Nichts, was Sie hier tun, erreicht einen Zahlungsanbieter oder Ihre echten Einstellungen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="349"/>
        <source>Terminals</source>
        <translation>Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="371"/>
        <source>Details of the selected terminal</source>
        <translation>Details des ausgewählten Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="391"/>
        <location filename="../../app/ui/main_window.py" line="538"/>
        <source>Close selected</source>
        <translation>Auswahl abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="394"/>
        <source>Close all</source>
        <translation>Alle abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="430"/>
        <source>No terminals yet</source>
        <translation>Noch keine Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="433"/>
        <source>Add your card terminals once; then one click closes all their batches at the end of the day.</source>
        <translation>Fügen Sie Ihre Kartenterminals einmal hinzu; danach erledigt am Abend ein Klick alle Tagesabschlüsse.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="439"/>
        <source>Add terminal</source>
        <translation>Terminal hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="442"/>
        <source>Import from an account</source>
        <translation>Aus einem Konto importieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="446"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="538"/>
        <source>Close selected (%n)</source>
        <translation>
            <numerusform>Auswahl abschließen (%n)</numerusform>
            <numerusform>Auswahl abschließen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="675"/>
        <source>Those terminals are already being closed.</source>
        <translation>Diese Terminals werden bereits abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="713"/>
        <source>Closing stopped</source>
        <translation>Abschluss gestoppt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="715"/>
        <source>Closing stopped because of an unexpected error: {error}. Every close that may have been sent is in the history; the details are in the log.</source>
        <translation>Der Abschluss wurde wegen eines unerwarteten Fehlers gestoppt: {error}. Jeder Abschluss, der gesendet worden sein könnte, steht im Verlauf; die Details stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="733"/>
        <source>This PC&apos;s clock looks wrong: a recorded close lies in the future, so those terminals were not closed. Set the date and time of this PC (turn on automatic time), then close again.</source>
        <translation>Die Uhr dieses PCs scheint falsch zu gehen: ein gespeicherter Abschluss liegt in der Zukunft, deshalb wurden diese Terminals nicht abgeschlossen. Stellen Sie Datum und Uhrzeit dieses PCs richtig (automatische Uhrzeit einschalten) und schließen Sie dann erneut ab.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="751"/>
        <source>Closing: {done} of {total} done</source>
        <translation>Abschluss: {done} von {total} erledigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="754"/>
        <source>{total} of {total} done</source>
        <translation>{total} von {total} erledigt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="761"/>
        <source>Cancelling: closes not sent yet are stopped; requests already sent finish or are recorded as in doubt.</source>
        <translation>Wird abgebrochen: Noch nicht gesendete Abschlüsse werden gestoppt; bereits gesendete Anfragen laufen zu Ende oder werden als ungewiss erfasst.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Stopped waiting: closes still on their way are recorded as in doubt.</source>
        <translation>Warten beendet: noch unterwegs befindliche Abschlüsse werden als ungewiss gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="794"/>
        <source>Closeout is still running</source>
        <translation>Closeout läuft weiter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="795"/>
        <source>It reminds you at closing time. Quit from the tray icon&apos;s menu.</source>
        <translation>Es erinnert Sie zur Abschlusszeit. Beenden können Sie es über das Menü des Symbols im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="815"/>
        <source>Closing in progress</source>
        <translation>Abschluss läuft</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="816"/>
        <source>Batches are being closed right now.</source>
        <translation>Gerade laufen Tagesabschlüsse.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="819"/>
        <source>Closeout will stop the closes not sent yet, wait for the requests already sent to be answered (or record them as in doubt), and then quit.</source>
        <translation>Closeout stoppt die noch nicht gesendeten Abschlüsse, wartet auf die Antworten zu bereits gesendeten Anfragen (oder erfasst sie als ungewiss) und wird dann beendet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="823"/>
        <source>Stop and quit</source>
        <translation>Stoppen und beenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="825"/>
        <source>Keep closing</source>
        <translation>Weiter abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="834"/>
        <source>Waiting for requests already sent; Closeout quits when they are answered or recorded in doubt.</source>
        <translation>Warten auf bereits gesendete Anfragen; Closeout wird beendet, sobald sie beantwortet oder als ungewiss erfasst sind.</translation>
    </message>
</context>
<context>
    <name>OpenBatchController</name>
    <message>
        <location filename="../../app/ui/controllers/open_batches.py" line="60"/>
        <location filename="../../app/ui/controllers/open_batches.py" line="67"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/open_batches.py" line="62"/>
        <source>Nothing to close</source>
        <translation>Nichts abzuschließen</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="141"/>
        <source>The provider of a terminal cannot be changed; add a new terminal instead.</source>
        <translation>Der Anbieter eines Terminals kann nicht geändert werden; fügen Sie stattdessen ein neues Terminal hinzu.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="145"/>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="146"/>
        <source>&amp;Provider</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="151"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="152"/>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="353"/>
        <source>Settings you normally leave empty.</source>
        <translation>Einstellungen, die Sie normalerweise leer lassen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="385"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="396"/>
        <source>Leave empty to use {value}</source>
        <translation>Leer lassen, um {value} zu verwenden</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="420"/>
        <source>Leave empty to keep the stored one</source>
        <translation>Leer lassen, um den gespeicherten Wert zu behalten</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="425"/>
        <source>Show {secret}</source>
        <translation>{secret} anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="426"/>
        <source>Show the characters you typed.</source>
        <translation>Die eingegebenen Zeichen anzeigen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="481"/>
        <source>{label} {problem}</source>
        <translation>{label} {problem}</translation>
    </message>
</context>
<context>
    <name>RemoveTerminal</name>
    <message>
        <location filename="_runtime_strings.py" line="5"/>
        <source>Remove terminal</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:30</extracomment>
        <translation>Terminal entfernen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="7"/>
        <source>&amp;Remove</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:42</extracomment>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="9"/>
        <source>password/API key</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:26</extracomment>
        <translation>Passwort/API-Schlüssel</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="13"/>
        <source>It has a close in doubt: that close may have gone through. It stays in the history; settle it with Review (in the banner) after checking with the provider.</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:37</extracomment>
        <translation>Es hat einen ungewissen Abschluss: dieser ist vielleicht durchgegangen. Er bleibt im Verlauf; klären Sie ihn mit „Prüfen…“ (im Hinweisbalken), nachdem Sie beim Anbieter nachgesehen haben.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="15"/>
        <source>Remove terminal &apos;{name}&apos;?</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:32</extracomment>
        <translation>Terminal „{name}“ entfernen?</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="11"/>
        <source>Its stored {secret} is deleted from the credential store; its past closes stay in the history.</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:33</extracomment>
        <translation>Die gespeicherten Zugangsdaten ({secret}) werden aus dem Passwortspeicher gelöscht; die bisherigen Abschlüsse bleiben im Verlauf.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../app/ui/report_view.py" line="48"/>
        <source>Closing report</source>
        <translation>Abschlussbericht</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="53"/>
        <source>&amp;Day:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="57"/>
        <source>Day of the report</source>
        <translation>Tag des Berichts</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="59"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="61"/>
        <source>Read the history again (closes made since the report was shown)</source>
        <translation>Verlauf neu lesen (Abschlüsse seit dem Anzeigen des Berichts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="70"/>
        <source>Closing report preview</source>
        <translation>Vorschau des Abschlussberichts</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="87"/>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="89"/>
        <source>Save as P&amp;DF…</source>
        <translation>Als &amp;PDF speichern…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="91"/>
        <source>Save as &amp;CSV…</source>
        <translation>Als &amp;CSV speichern…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="120"/>
        <source>The report could not be made: {reason}</source>
        <translation>Der Bericht konnte nicht erstellt werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="143"/>
        <source>Closing report {day}</source>
        <translation>Abschlussbericht {day}</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="146"/>
        <source>Print the closing report</source>
        <translation>Abschlussbericht drucken</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="174"/>
        <source>Save the closing report as PDF</source>
        <translation>Abschlussbericht als PDF speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="174"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="182"/>
        <source>Save the closing report as CSV</source>
        <translation>Abschlussbericht als CSV speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="182"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="194"/>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="196"/>
        <source>The report could not be saved to {path} ({reason}). Choose another folder, or free some disk space.</source>
        <translation>Der Bericht konnte nicht unter {path} gespeichert werden ({reason}). Wählen Sie einen anderen Ordner oder schaffen Sie Speicherplatz.</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="200"/>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="203"/>
        <source>Saved to {path}</source>
        <translation>Gespeichert unter {path}</translation>
    </message>
</context>
<context>
    <name>RunSummaryDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="201"/>
        <source>Closing finished</source>
        <translation>Abschluss beendet</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="212"/>
        <source>{closed} closed, {failed} failed, {doubt} in doubt, {skipped} skipped</source>
        <translation>{closed} abgeschlossen, {failed} fehlgeschlagen, {doubt} ungewiss, {skipped} übersprungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="223"/>
        <source>In doubt: these may have closed</source>
        <translation>Ungewiss: Diese könnten abgeschlossen sein</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="227"/>
        <source>No answer came back, so nobody knows yet whether these batches closed. Do not close them by other means. Retry safely settles them without closing twice (Closeout sends the same close again, or asks the provider about that close), or check in the provider&apos;s back office.</source>
        <translation>Es kam keine Antwort zurück, daher weiß noch niemand, ob diese Tagesabschlüsse durchgeführt wurden. Schließen Sie sie nicht auf anderem Weg ab. „Sicher wiederholen“ klärt sie, ohne doppelt abzuschließen (Closeout sendet denselben Abschluss erneut oder fragt den Anbieter nach genau diesem Abschluss); oder prüfen Sie im Backoffice des Anbieters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="236"/>
        <source>Failed: not closed</source>
        <translation>Fehlgeschlagen: nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="239"/>
        <source>Fix the reason shown, then close these terminals again.</source>
        <translation>Beheben Sie den angezeigten Grund und schließen Sie diese Terminals dann erneut ab.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="244"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="247"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="250"/>
        <source>Closing summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="37"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="61"/>
        <source>Shop (printed on the closing report)</source>
        <translation>Geschäft (steht auf dem Abschlussbericht)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="65"/>
        <source>Shop name</source>
        <translation>Name des Geschäfts</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="69"/>
        <source>Shop address</source>
        <translation>Adresse des Geschäfts</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="71"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="72"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="53"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="75"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="81"/>
        <source>Closing time</source>
        <translation>Abschlusszeit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="58"/>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="77"/>
        <source>&amp;Remind me at</source>
        <translation>&amp;Erinnern um</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="89"/>
        <source>when a terminal is still open</source>
        <translation>wenn ein Terminal noch offen ist</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="92"/>
        <source>Close &amp;automatically at that time</source>
        <translation>Zu dieser Zeit a&amp;utomatisch abschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="99"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="107"/>
        <source>Retry failed terminals every</source>
        <translation>Fehlgeschlagene Terminals erneut versuchen alle</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="109"/>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="126"/>
        <source>Business day ends at</source>
        <translation>Geschäftstag endet um</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="131"/>
        <source>A close belongs to the business day in which it started: with 04:00, a close at 00:30 still counts for the evening before.</source>
        <translation>Ein Abschluss gehört zu dem Geschäftstag, in dem er begonnen hat: bei 04:00 zählt ein Abschluss um 00:30 noch für den Abend davor.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="135"/>
        <source>&amp;Business day ends at:</source>
        <translation>&amp;Geschäftstag endet um:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="49"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="139"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="115"/>
        <source>Reminders and automatic closes happen while Closeout runs (it can stay in the system tray). On a PC where it does not run, have the system&apos;s task scheduler (Windows Task Scheduler, cron) run &apos;closeout close --all --yes&apos; at closing time.</source>
        <translation>Erinnerungen und automatische Abschlüsse gibt es nur, solange Closeout läuft (es kann im Infobereich bleiben). Auf einem PC, auf dem es nicht läuft, lassen Sie die Aufgabenplanung des Systems (Windows-Aufgabenplanung, cron) zur Abschlusszeit &apos;closeout close --all --yes&apos; ausführen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="143"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="144"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="147"/>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Sprache (nach einem Neustart):</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="148"/>
        <source>Keep running in the system &amp;tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im &amp;Infobereich weiterlaufen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="203"/>
        <source>The settings could not be saved: {reason}. Nothing was changed.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: {reason}. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ShopsWindow</name>
    <message>
        <location filename="../../app/ui/shops_view.py" line="56"/>
        <source>Shops</source>
        <translation>Geschäfte</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="65"/>
        <source>Business &amp;day:</source>
        <translation>Geschäfts&amp;tag:</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="70"/>
        <source>Business day</source>
        <translation>Geschäftstag</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="75"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="77"/>
        <source>Every terminal</source>
        <translation>Alle Terminals</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="78"/>
        <source>Not closed yet</source>
        <translation>Noch nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="79"/>
        <source>Problems only (failed, in doubt, not closed)</source>
        <translation>Nur Probleme (fehlgeschlagen, ungewiss, nicht abgeschlossen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="83"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="98"/>
        <source>Shop</source>
        <translation>Geschäft</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="99"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="100"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="101"/>
        <source>At</source>
        <translation>Um</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="102"/>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="103"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="104"/>
        <source>Last heard from</source>
        <translation>Zuletzt gemeldet</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="144"/>
        <source>The demo is never connected to a chain: this window shows the shops of a chain once this PC is connected (Settings &gt; Chain).</source>
        <translation>Die Demo ist nie mit einer Kette verbunden: dieses Fenster zeigt die Geschäfte einer Kette, sobald dieser PC verbunden ist (Einstellungen &gt; Kette).</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="154"/>
        <source>Reading the chain…</source>
        <translation>Kette wird gelesen …</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="172"/>
        <source>The chain could not be read because of an unexpected error (details are in the log). Try again, or use &apos;closeout chain status&apos; in a terminal.</source>
        <translation>Die Kette konnte wegen eines unerwarteten Fehlers nicht gelesen werden (Einzelheiten im Protokoll). Versuchen Sie es erneut oder verwenden Sie „closeout chain status“ in einem Terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="202"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="203"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="204"/>
        <source>in doubt</source>
        <translation>ungewiss</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="205"/>
        <source>not closed yet</source>
        <translation>noch nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="206"/>
        <source>nothing to close</source>
        <translation>nichts abzuschließen</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="220"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="236"/>
        <source>(no terminals)</source>
        <translation>(keine Terminals)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="251"/>
        <source>Business day {day}: {closed} closed, {nothing} nothing to close, {failed} failed, {doubt} in doubt, {open} not closed yet.</source>
        <translation>Geschäftstag {day}: {closed} abgeschlossen, {nothing} nichts abzuschließen, {failed} fehlgeschlagen, {doubt} ungewiss, {open} noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="263"/>
        <source>Every terminal of the chain is closed for this business day.</source>
        <translation>Alle Terminals der Kette sind für diesen Geschäftstag abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="264"/>
        <source>No terminal failed, is in doubt or is not closed yet.</source>
        <translation>Kein Terminal ist fehlgeschlagen, ungewiss oder noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="265"/>
        <source>The chain has no shops yet.</source>
        <translation>Die Kette hat noch keine Geschäfte.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="279"/>
        <source>{amount} (test)</source>
        <translation>{amount} (Test)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="284"/>
        <source>Net totals: </source>
        <translation>Nettosummen: </translation>
    </message>
</context>
<context>
    <name>TerminalDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="86"/>
        <source>Add terminal</source>
        <translation>Terminal hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="88"/>
        <source>Edit terminal &apos;{name}&apos;</source>
        <translation>Terminal „{name}“ bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="98"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="132"/>
        <source>Credential check</source>
        <translation>Prüfung der Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="102"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="115"/>
        <source>e.g. Counter 1</source>
        <translation>z. B. Kasse 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="116"/>
        <source>How this terminal is called in Closeout; any name you like.</source>
        <translation>So heißt dieses Terminal in Closeout; frei wählbar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="114"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="121"/>
        <source>Kept only in this computer&apos;s credential store, never in a file.</source>
        <translation>Nur im Passwortspeicher dieses Computers abgelegt, nie in einer Datei.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="184"/>
        <source>A terminal named &apos;{name}&apos; already exists; choose another name.</source>
        <translation>Ein Terminal namens „{name}“ gibt es bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="200"/>
        <source>To save, fill in or correct: {fields}.</source>
        <translation>Zum Speichern ausfüllen oder korrigieren: {fields}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="202"/>
        <source>(Some are under Advanced settings.)</source>
        <translation>(Einige davon unter Erweiterte Einstellungen.)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="232"/>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="249"/>
        <source>Not saved. {message}</source>
        <translation>Nicht gespeichert. {message}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="263"/>
        <source>Checking the credentials with {provider} (a read-only query; nothing is closed)…</source>
        <translation>Die Zugangsdaten werden bei {provider} geprüft (nur eine Abfrage; nichts wird abgeschlossen) …</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="288"/>
        <source>Not saved: {provider} refused these credentials. {reason}</source>
        <translation>Nicht gespeichert: {provider} hat diese Zugangsdaten abgelehnt. {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="297"/>
        <source>Credentials not checked</source>
        <translation>Zugangsdaten nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="299"/>
        <source>{provider} could not be reached, so the credentials were not checked.</source>
        <translation>{provider} war nicht erreichbar, die Zugangsdaten wurden deshalb nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="301"/>
        <source>{provider} neither accepted nor refused the credentials.</source>
        <translation>{provider} hat die Zugangsdaten weder angenommen noch abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="304"/>
        <source>{reason}

Save the terminal anyway? If something is wrong, its first close will say so.</source>
        <translation>{reason}

Das Terminal trotzdem speichern? Falls etwas nicht stimmt, meldet es der erste Abschluss.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="308"/>
        <source>Save &amp;anyway</source>
        <translation>&amp;Trotzdem speichern</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="310"/>
        <source>&amp;Back to the form</source>
        <translation>&amp;Zurück zum Formular</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="248"/>
        <source>The terminal could not be stored.</source>
        <translation>Das Terminal konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>TerminalTableModel</name>
    <message>
        <location filename="_runtime_strings.py" line="49"/>
        <source>never</source>
        <extracomment>app/ui/models/terminals.py:269</extracomment>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="51"/>
        <source>Queued</source>
        <extracomment>app/ui/models/terminals.py:291</extracomment>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="53"/>
        <source>Re-sending earlier close…</source>
        <extracomment>app/ui/models/terminals.py:293</extracomment>
        <translation>Früherer Abschluss wird erneut gesendet…</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="55"/>
        <source>Closed</source>
        <extracomment>app/ui/models/terminals.py:300</extracomment>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="57"/>
        <source>In doubt</source>
        <extracomment>app/ui/models/terminals.py:304</extracomment>
        <translation>Ungewiss</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="59"/>
        <source>SUNBAY shows the open batch before closing; Saferpay does not.</source>
        <extracomment>app/ui/models/terminals.py:250</extracomment>
        <translation>SUNBAY zeigt den offenen Batch vor dem Abschluss; Saferpay nicht.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="61"/>
        <source>Terminal</source>
        <extracomment>app/ui/models/terminals.py:76</extracomment>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="63"/>
        <source>Provider</source>
        <extracomment>app/ui/models/terminals.py:77</extracomment>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="65"/>
        <source>Environment</source>
        <extracomment>app/ui/models/terminals.py:78</extracomment>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="67"/>
        <source>Terminal ID / serial</source>
        <extracomment>app/ui/models/terminals.py:79</extracomment>
        <translation>Terminal-ID / Seriennr.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="69"/>
        <source>Last close</source>
        <extracomment>app/ui/models/terminals.py:80</extracomment>
        <translation>Letzter Abschluss</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="71"/>
        <source>Open batch</source>
        <extracomment>app/ui/models/terminals.py:81</extracomment>
        <translation>Offener Batch</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="73"/>
        <source>Status</source>
        <extracomment>app/ui/models/terminals.py:82</extracomment>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="75"/>
        <source>unknown: update Closeout</source>
        <extracomment>app/ui/models/terminals.py:233</extracomment>
        <translation>unbekannt: Closeout aktualisieren</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="77"/>
        <source>LIVE</source>
        <extracomment>app/ui/models/terminals.py:235</extracomment>
        <translation>LIVE</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="79"/>
        <source>test</source>
        <extracomment>app/ui/models/terminals.py:235</extracomment>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="81"/>
        <source>Live: real money moves.</source>
        <extracomment>app/ui/models/terminals.py:257</extracomment>
        <translation>Live: Es fließt echtes Geld.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="83"/>
        <source>Test: the provider&apos;s test system; no real money.</source>
        <extracomment>app/ui/models/terminals.py:259</extracomment>
        <translation>Test: das Testsystem des Anbieters; kein echtes Geld.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="85"/>
        <source>closed</source>
        <extracomment>app/ui/models/terminals.py:278</extracomment>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="87"/>
        <source>failed</source>
        <extracomment>app/ui/models/terminals.py:279</extracomment>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="89"/>
        <source>in doubt</source>
        <extracomment>app/ui/models/terminals.py:280</extracomment>
        <translation>ungewiss</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="91"/>
        <source>sending</source>
        <extracomment>app/ui/models/terminals.py:281</extracomment>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="93"/>
        <source>nothing to close</source>
        <extracomment>app/ui/models/terminals.py:282</extracomment>
        <translation>nichts abzuschließen</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="95"/>
        <source>Closing… {s} s</source>
        <extracomment>app/ui/models/terminals.py:295</extracomment>
        <translation>Wird abgeschlossen… {s} s</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="97"/>
        <source>Retrying {n}… {s} s</source>
        <extracomment>app/ui/models/terminals.py:298</extracomment>
        <translation>Neuer Versuch {n}… {s} s</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="99"/>
        <source>Failed: {reason}</source>
        <extracomment>app/ui/models/terminals.py:302</extracomment>
        <translation>Fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="101"/>
        <source>Skipped: {reason}</source>
        <extracomment>app/ui/models/terminals.py:306</extracomment>
        <translation>Übersprungen: {reason}</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="103"/>
        <source>Closing (try {n})… {s} s</source>
        <extracomment>app/ui/models/terminals.py:296</extracomment>
        <translation>Wird abgeschlossen (Versuch {n})… {s} s</translation>
    </message>
</context>
<context>
    <name>TerminalsController</name>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="56"/>
        <source>Edit terminal</source>
        <translation>Terminal bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="58"/>
        <source>&apos;{name}&apos; uses a provider this version of Closeout does not know (it was set up by a newer Closeout). Update Closeout to edit or close it.</source>
        <translation>&apos;{name}&apos; nutzt einen Anbieter, den diese Version von Closeout nicht kennt (eingerichtet mit einem neueren Closeout). Aktualisieren Sie Closeout, um es zu bearbeiten oder abzuschließen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="107"/>
        <source>Remove terminal</source>
        <translation>Terminal entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="108"/>
        <source>The terminal was not removed: {reason}</source>
        <translation>Das Terminal wurde nicht entfernt: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="139"/>
        <source>The terminal was removed; check in the provider&apos;s back office.</source>
        <translation>Das Terminal wurde entfernt; prüfen Sie im Backoffice des Anbieters.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="27"/>
        <source>Show Closeout</source>
        <translation>Closeout anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="28"/>
        <source>Close all now…</source>
        <translation>Jetzt alle abschließen…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="29"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
</TS>
