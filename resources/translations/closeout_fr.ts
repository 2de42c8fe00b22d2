<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="33"/>
        <location filename="../../app/ui/dialogs/about.py" line="38"/>
        <source>About Closeout</source>
        <translation>À propos de Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="43"/>
        <source> (the demo&apos;s throwaway folder)</source>
        <translation> (le dossier jetable de la démo)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="44"/>
        <source>Closes the day&apos;s card-terminal batches of a shop, across payment providers.</source>
        <translation>Clôture les lots du jour des terminaux de paiement d&apos;un commerce, chez tous les prestataires.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Home folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Log folder</source>
        <translation>Dossier des journaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="45"/>
        <source>Settings file</source>
        <translation>Fichier de réglages</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="46"/>
        <source>Passwords and API keys are kept only in the operating system&apos;s credential store.</source>
        <translation>Les mots de passe et clés API sont gardés uniquement dans le trousseau du système d&apos;exploitation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/about.py" line="47"/>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
</context>
<context>
    <name>ChainSettings</name>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="58"/>
        <source>Chain server address</source>
        <translation>Adresse du serveur de la chaîne</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="62"/>
        <source>Shop name in the chain</source>
        <translation>Nom du magasin dans la chaîne</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="66"/>
        <source>This PC&apos;s name in the chain</source>
        <translation>Nom de ce PC dans la chaîne</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="70"/>
        <source>Password of the chain&apos;s role</source>
        <translation>Mot de passe du rôle de la chaîne</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="71"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Adresse du serveur :</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="72"/>
        <source>&amp;Shop:</source>
        <translation>&amp;Magasin :</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="73"/>
        <source>&amp;PC name:</source>
        <translation>Nom du &amp;PC :</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="74"/>
        <source>Pass&amp;word:</source>
        <translation>Mot de pa&amp;sse :</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="78"/>
        <source>The password is kept in the system&apos;s credential store, never in the settings. Connecting creates or updates the chain&apos;s tables and sends this PC&apos;s terminals and closes.</source>
        <translation>Le mot de passe est conservé dans le trousseau du système, jamais dans les paramètres. La connexion crée ou met à jour les tables de la chaîne et envoie les terminaux et clôtures de ce PC.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="88"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="91"/>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="94"/>
        <source>&amp;Disconnect</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="109"/>
        <source>&amp;Only close with the chain&apos;s lock (skip a terminal when the chain cannot be reached)</source>
        <translation>Clôturer &amp;uniquement avec le verrou de la chaîne (passer un terminal quand la chaîne est injoignable)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="115"/>
        <source>Without it, a close still goes out when the chain cannot be reached, with a warning: a shop&apos;s close never waits for head office.</source>
        <translation>Sans ce réglage, une clôture part quand même si la chaîne est injoignable, avec un avertissement : la clôture d’un magasin n’attend jamais le siège.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="124"/>
        <source>The demo is never connected to a chain.</source>
        <translation>La démo n’est jamais connectée à une chaîne.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="151"/>
        <source>This PC is not connected to a chain.</source>
        <translation>Ce PC n’est connecté à aucune chaîne.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="158"/>
        <source>Connected to {server} as shop &apos;{shop}&apos;, PC &apos;{pc}&apos;.</source>
        <translation>Connecté à {server} comme magasin « {shop} », PC « {pc} ».</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="199"/>
        <source>That did not work because of an unexpected error (details are in the log). Nothing was changed; try again, or use &apos;closeout chain&apos; in a terminal.</source>
        <translation>Cela n’a pas fonctionné à cause d’une erreur inattendue (détails dans le journal). Rien n’a été modifié ; réessayez, ou utilisez « closeout chain » dans un terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="232"/>
        <source>Type the chain server&apos;s address first (postgresql://user@host:5432/database).</source>
        <translation>Saisissez d’abord l’adresse du serveur de la chaîne (postgresql://user@host:5432/database).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="237"/>
        <source>Type the password of the chain&apos;s role to test the connection.</source>
        <translation>Saisissez le mot de passe du rôle de la chaîne pour tester la connexion.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="240"/>
        <source>The chain&apos;s password is not in the credential store; type it and test again.</source>
        <translation>Le mot de passe de la chaîne n’est pas dans le trousseau ; saisissez-le et testez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="252"/>
        <source>Testing the connection…</source>
        <translation>Test de la connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="264"/>
        <source>Give the server&apos;s address, the shop&apos;s name and the password of the chain&apos;s role, then connect.</source>
        <translation>Indiquez l’adresse du serveur, le nom du magasin et le mot de passe du rôle de la chaîne, puis connectez-vous.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="272"/>
        <source>Connected to {server} as shop &apos;{shop}&apos;, PC &apos;{pc}&apos; ({schema}). This PC&apos;s terminals and closes are being sent; the status bar shows how it goes.</source>
        <translation>Connecté à {server} comme magasin « {shop} », PC « {pc} » ({schema}). Les terminaux et clôtures de ce PC sont en cours d’envoi ; la barre d’état montre l’avancement.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="275"/>
        <source>created the chain schema (version {after})</source>
        <translation>schéma de la chaîne créé (version {after})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="276"/>
        <source>migrated the chain schema from version {before} to {after}</source>
        <translation>schéma de la chaîne migré de la version {before} à {after}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="277"/>
        <source>chain schema version {after}</source>
        <translation>schéma de la chaîne version {after}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="288"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="292"/>
        <source>This PC is not connected to a chain; nothing changed.</source>
        <translation>Ce PC n’est connecté à aucune chaîne ; rien n’a changé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="294"/>
        <source>Disconnected from {server}: nothing more is sent, and the password was removed from the credential store. The chain keeps what it already has.</source>
        <translation>Déconnecté de {server} : plus rien n’est envoyé, et le mot de passe a été retiré du trousseau. La chaîne garde ce qu’elle a déjà.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/chain_settings.py" line="302"/>
        <source>Disconnecting…</source>
        <translation>Déconnexion…</translation>
    </message>
</context>
<context>
    <name>ClosingReport</name>
    <message>
        <location filename="../../app/core/report.py" line="49"/>
        <source>Closing report</source>
        <translation>Rapport de clôture</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="50"/>
        <source>Shop name not set (Settings)</source>
        <translation>Nom du commerce non renseigné (Paramètres)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="51"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="52"/>
        <source>Generated</source>
        <translation>Établi le</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="53"/>
        <source>{closed} of {total} terminals closed</source>
        <translation>{closed} terminaux clôturés sur {total}</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="54"/>
        <source>{n} failed</source>
        <translation>{n} en échec</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="55"/>
        <source>{n} in doubt</source>
        <translation>{n} incertain(s)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="56"/>
        <source>{n} not closed</source>
        <translation>{n} non clôturé(s)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="57"/>
        <source>Terminals</source>
        <translation>Terminaux</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="58"/>
        <source>No terminals are configured and none closed on this day.</source>
        <translation>Aucun terminal n&apos;est configuré et aucun n&apos;a été clôturé ce jour-là.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="59"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="60"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="61"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="62"/>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="63"/>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="64"/>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="65"/>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="66"/>
        <source>Tip</source>
        <translation>Pourboire</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="67"/>
        <source>Surcharge</source>
        <translation>Supplément</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="68"/>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="69"/>
        <source>Batches</source>
        <translation>Lots</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="70"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="71"/>
        <source>Trace id</source>
        <translation>ID de trace</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="72"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="73"/>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="74"/>
        <source>removed since</source>
        <translation>supprimé depuis</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="75"/>
        <source>{n} closes this day</source>
        <translation>{n} clôtures ce jour-là</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="76"/>
        <source>{provider} reports no batch number or amounts</source>
        <translation>{provider} ne communique ni numéro de lot ni montants</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="77"/>
        <source>after {n} tries</source>
        <translation>après {n} essais</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="78"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="79"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="80"/>
        <source>In doubt</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="81"/>
        <source>NOT CLOSED</source>
        <translation>NON CLÔTURÉ</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="82"/>
        <source>Being sent</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="83"/>
        <source>Nothing to close</source>
        <translation>Rien à clôturer</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="84"/>
        <source>Totals per currency</source>
        <translation>Totaux par devise</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="85"/>
        <source>Test terminals (not real money)</source>
        <translation>Terminaux de test (pas d&apos;argent réel)</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="86"/>
        <source>No closed batch of this day reported amounts.</source>
        <translation>Aucun lot clôturé ce jour-là n&apos;a communiqué de montants.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="87"/>
        <source>The totals leave out {names}: {providers} does not report batch numbers or amounts when closing; take those from the provider&apos;s back office.</source>
        <translation>Les totaux n&apos;incluent pas {names}&#xa0;: {providers} ne communique ni numéros de lot ni montants lors de la clôture&#xa0;; reprenez-les du back-office du prestataire.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="92"/>
        <source>What to do next</source>
        <translation>Que faire ensuite</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="93"/>
        <source>Nothing to do: every terminal closed.</source>
        <translation>Rien à faire&#xa0;: tous les terminaux sont clôturés.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="94"/>
        <source>The close at {time} failed: {reason} Close it again after fixing that.</source>
        <translation>La clôture de {time} a échoué&#xa0;: {reason} Clôturez à nouveau une fois ce point corrigé.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="97"/>
        <source>The close at {time} failed. Close it again after fixing the reason shown in the history.</source>
        <translation>La clôture de {time} a échoué. Clôturez à nouveau une fois corrigée la cause indiquée dans l&apos;historique.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="100"/>
        <source>An earlier close at {time} went through; close again only if payments came in after it.</source>
        <translation>Une clôture précédente à {time} a abouti&#xa0;; ne clôturez à nouveau que si des paiements sont arrivés après.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="103"/>
        <source>The close at {time} is in doubt: it may have gone through. Closeout re-sends the same close next time, so it cannot close twice; check in the {provider} back office.</source>
        <translation>La clôture de {time} est incertaine&#xa0;: elle a peut-être abouti. Closeout renverra la même clôture la prochaine fois, elle ne peut donc pas clôturer deux fois&#xa0;; vérifiez dans le back-office de {provider}.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="108"/>
        <source>Not closed on this day. Close it now.</source>
        <translation>Non clôturé ce jour-là. Clôturez-le maintenant.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="109"/>
        <source>A close started at {time} was still being sent when this report was made; make the report again in a minute.</source>
        <translation>Une clôture lancée à {time} était encore en cours d&apos;envoi lors de l&apos;établissement de ce rapport&#xa0;; refaites le rapport dans une minute.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="113"/>
        <source>References for support</source>
        <translation>Références pour le support</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="114"/>
        <source>Amounts in major units of each currency; times are local.</source>
        <translation>Montants dans l&apos;unité principale de chaque devise&#xa0;; heures locales.</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="115"/>
        <source>Monday</source>
        <translation>lundi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="116"/>
        <source>Tuesday</source>
        <translation>mardi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="117"/>
        <source>Wednesday</source>
        <translation>mercredi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="118"/>
        <source>Thursday</source>
        <translation>jeudi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="119"/>
        <source>Friday</source>
        <translation>vendredi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="120"/>
        <source>Saturday</source>
        <translation>samedi</translation>
    </message>
    <message>
        <location filename="../../app/core/report.py" line="121"/>
        <source>Sunday</source>
        <translation>dimanche</translation>
    </message>
</context>
<context>
    <name>ClosingTimeController</name>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="73"/>
        <source>Not closed yesterday: {names}. Their money may be delayed: close them now.</source>
        <translation>Non clôturés hier&#xa0;: {names}. L&apos;argent peut être retardé&#xa0;: clôturez-les maintenant.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="77"/>
        <source>Terminals not closed yesterday</source>
        <translation>Terminaux non clôturés hier</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/controllers/closing_time.py" line="111"/>
        <source>%n terminal(s) still open: {names}. Close them now so the money moves.</source>
        <translation>
            <numerusform>%n terminal encore ouvert&#xa0;: {names}. Clôturez-le maintenant pour que l&apos;argent soit versé.</numerusform>
            <numerusform>%n terminaux encore ouverts&#xa0;: {names}. Clôturez-les maintenant pour que l&apos;argent soit versé.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="113"/>
        <location filename="../../app/ui/controllers/closing_time.py" line="117"/>
        <source>Closing time</source>
        <translation>Heure de clôture</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/controllers/closing_time.py" line="116"/>
        <source>Closing %n terminal(s) automatically: {names}</source>
        <translation>
            <numerusform>Clôture automatique de %n terminal&#xa0;: {names}</numerusform>
            <numerusform>Clôture automatique de %n terminaux&#xa0;: {names}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="121"/>
        <source>Not closed by {time}: {names}. Open Closeout to see why.</source>
        <translation>Non clôturés à {time}&#xa0;: {names}. Ouvrez Closeout pour en voir la raison.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/closing_time.py" line="124"/>
        <source>Terminals still open</source>
        <translation>Terminaux encore ouverts</translation>
    </message>
</context>
<context>
    <name>ConfirmCloseDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="46"/>
        <source>Close batches</source>
        <translation>Clôturer les lots</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="153"/>
        <source>nothing to close: the open batch has no transactions</source>
        <translation>rien à clôturer : le lot ouvert ne contient aucune transaction</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="165"/>
        <source>Close the batch of %n terminal(s)?</source>
        <translation>
            <numerusform>Clôturer le lot de %n terminal&#xa0;?</numerusform>
            <numerusform>Clôturer les lots de %n terminaux&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="61"/>
        <source>A batch close cannot be undone: the day&apos;s card payments go to the acquirer and the money starts moving.</source>
        <translation>Une clôture de lot ne peut pas être annulée&#xa0;: les paiements par carte de la journée partent chez l&apos;acquéreur et l&apos;argent commence à être versé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="124"/>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="126"/>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="137"/>
        <source>its last close is in doubt: that same close is re-sent first, never a second one</source>
        <translation>sa dernière clôture est incertaine&#xa0;: cette même clôture est d&apos;abord renvoyée, jamais une deuxième</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="70"/>
        <source>Terminals to close</source>
        <translation>Terminaux à clôturer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="80"/>
        <source>Close again the terminals already closed this business day</source>
        <translation>Clôturer à nouveau les terminaux déjà clôturés ce jour ouvré</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="149"/>
        <source>already closed this business day at {time}; tick the box below to close it again</source>
        <translation>déjà clôturé ce jour ouvré à {time} ; cochez la case ci-dessous pour le clôturer à nouveau</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="155"/>
        <source>the same physical terminal as another entry of this run, which is closed once</source>
        <translation>le même terminal physique qu&apos;une autre entrée de cette exécution, clôturé une seule fois</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="158"/>
        <source>this PC&apos;s clock looks wrong (a recorded close lies in the future): set the date and time first</source>
        <translation>l&apos;horloge de ce PC semble fausse (une clôture enregistrée est dans le futur) : réglez d&apos;abord la date et l&apos;heure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="165"/>
        <source>Nothing to close</source>
        <translation>Rien à clôturer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="171"/>
        <source>Will be closed (%n):</source>
        <translation>
            <numerusform>Sera clôturé (%n) :</numerusform>
            <numerusform>Seront clôturés (%n) :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="179"/>
        <source>Skipped, nothing is sent (%n):</source>
        <translation>
            <numerusform>Ignoré, rien n&apos;est envoyé (%n) :</numerusform>
            <numerusform>Ignorés, rien n&apos;est envoyé (%n) :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="189"/>
        <source>%n LIVE terminal(s): real money.</source>
        <translation>
            <numerusform>%n terminal LIVE&#xa0;: argent réel.</numerusform>
            <numerusform>%n terminaux LIVE&#xa0;: argent réel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/close_run.py" line="191"/>
        <source>&amp;Close %n batch(es)</source>
        <translation>
            <numerusform>&amp;Clôturer %n lot</numerusform>
            <numerusform>&amp;Clôturer %n lots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="55"/>
        <source>Closeout hit a problem</source>
        <translation>Closeout a rencontré un problème</translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="58"/>
        <source>Something unexpected went wrong: {what}.</source>
        <translation>Une erreur inattendue s&apos;est produite&#xa0;: {what}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/bootstrap.py" line="60"/>
        <source>Every close that may have been sent is kept in the history. The details are in the log file:
{path}</source>
        <translation>Chaque clôture qui a pu être envoyée est conservée dans l&apos;historique. Les détails se trouvent dans le fichier journal&#xa0;:
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
        <translation>Marqué comme clôturé</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="21"/>
        <source>Marked not closed</source>
        <extracomment>app/ui/models/history.py:66</extracomment>
        <translation>Marqué comme non clôturé</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="23"/>
        <source>test</source>
        <extracomment>app/ui/models/history.py:82</extracomment>
        <translation>test</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="25"/>
        <source>Closed</source>
        <extracomment>app/ui/models/history.py:68</extracomment>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="27"/>
        <source>Failed</source>
        <extracomment>app/ui/models/history.py:69</extracomment>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="29"/>
        <source>In doubt</source>
        <extracomment>app/ui/models/history.py:70</extracomment>
        <translation>Incertain</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="31"/>
        <source>Being sent</source>
        <extracomment>app/ui/models/history.py:71</extracomment>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="33"/>
        <source>Nothing to close</source>
        <extracomment>app/ui/models/history.py:72</extracomment>
        <translation>Rien à clôturer</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="35"/>
        <source>Started</source>
        <extracomment>app/ui/models/history.py:244</extracomment>
        <translation>Début</translation>
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
        <translation>Prestataire</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="41"/>
        <source>Environment</source>
        <extracomment>app/ui/models/history.py:247</extracomment>
        <translation>Environnement</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="43"/>
        <source>Outcome</source>
        <extracomment>app/ui/models/history.py:248</extracomment>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="45"/>
        <source>Attempts</source>
        <extracomment>app/ui/models/history.py:249</extracomment>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="47"/>
        <source>Message</source>
        <extracomment>app/ui/models/history.py:250</extracomment>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../../app/ui/history_view.py" line="109"/>
        <source>Close history</source>
        <translation>Historique des clôtures</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="141"/>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="142"/>
        <source>To date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="146"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="153"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="154"/>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="155"/>
        <source>In doubt</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="161"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="162"/>
        <source>Terminal, request id, trace id, code or message</source>
        <translation>Terminal, ID de requête, ID de trace, code ou message</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="184"/>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="185"/>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="186"/>
        <source>Ter&amp;minal</source>
        <translation>Ter&amp;minal</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="187"/>
        <source>&amp;Outcome</source>
        <translation>&amp;Résultat</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="188"/>
        <source>&amp;Search</source>
        <translation>Re&amp;cherche</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="204"/>
        <source>Closes</source>
        <translation>Clôtures</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="235"/>
        <source>Close details</source>
        <translation>Détails de la clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="255"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="257"/>
        <location filename="../../app/ui/history_view.py" line="616"/>
        <source>&amp;Export CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="259"/>
        <source>Export the filtered closes as CSV</source>
        <translation>Exporter les clôtures filtrées en CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="261"/>
        <source>Export every close matching the filters (not only those loaded) to a CSV file</source>
        <translation>Exporter toutes les clôtures correspondant aux filtres (pas seulement celles chargées) dans un fichier CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="303"/>
        <source>All terminals</source>
        <translation>Tous les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="308"/>
        <source>{name} (removed)</source>
        <translation>{name} (supprimé)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="310"/>
        <source>{name} (removed, last close {day})</source>
        <translation>{name} (supprimé, dernière clôture {day})</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="431"/>
        <source>Select a close to see its details: request and trace ids, the provider&apos;s answer, the batch and who settled it.</source>
        <translation>Sélectionnez une clôture pour voir ses détails&#xa0;: ID de requête et de trace, la réponse du prestataire, le lot et qui l&apos;a tranchée à la main.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="467"/>
        <source>Close</source>
        <translation>Clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="469"/>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="470"/>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="471"/>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="473"/>
        <source>Provider</source>
        <translation>Prestataire</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="475"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="476"/>
        <source>Trace id</source>
        <translation>ID de trace</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="478"/>
        <source>Forced</source>
        <translation>Forcée</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="478"/>
        <source>yes: closed again on purpose the same day</source>
        <translation>oui&#xa0;: clôturé à nouveau volontairement le même jour</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="480"/>
        <location filename="../../app/ui/history_view.py" line="488"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="484"/>
        <source>Provider&apos;s answer</source>
        <translation>Réponse du prestataire</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="486"/>
        <source>HTTP status</source>
        <translation>Statut HTTP</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="487"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="501"/>
        <source>Batch number</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="502"/>
        <source>Batch time</source>
        <translation>Heure du lot</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="503"/>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="504"/>
        <source>Net amount</source>
        <translation>Montant net</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="505"/>
        <source>Tip</source>
        <translation>Pourboire</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="506"/>
        <source>Surcharge</source>
        <translation>Supplément</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="507"/>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="515"/>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="519"/>
        <source>Settled by a person</source>
        <translation>Tranché à la main</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="522"/>
        <source>Marked</source>
        <translation>Marqué comme</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="523"/>
        <source>closed</source>
        <translation>clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="523"/>
        <source>not closed</source>
        <translation>non clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="525"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="526"/>
        <source>On</source>
        <translation>Le</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="527"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="533"/>
        <source>For support</source>
        <translation>Pour le support</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="534"/>
        <source>Terminal key</source>
        <translation>Clé du terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="534"/>
        <source>Close number</source>
        <translation>Numéro de clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="544"/>
        <source>The history could not be read: {reason}</source>
        <translation>L&apos;historique n&apos;a pas pu être lu&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="546"/>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="546"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="548"/>
        <source>No closes match these filters.</source>
        <translation>Aucune clôture ne correspond à ces filtres.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="550"/>
        <source>{shown} closes shown; counting…</source>
        <translation>{shown} clôtures affichées&#xa0;; comptage…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="552"/>
        <source>Matching closes: {total}</source>
        <translation>Clôtures correspondantes&#xa0;: {total}</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="554"/>
        <source>Matching closes: {total} ({shown} loaded; scroll for more)</source>
        <translation>Clôtures correspondantes&#xa0;: {total} ({shown} chargées&#xa0;; faites défiler pour en voir plus)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="572"/>
        <source>Export closes as CSV</source>
        <translation>Exporter les clôtures en CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="572"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="584"/>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="585"/>
        <source>Cancel &amp;export</source>
        <translation>Annuler l&apos;e&amp;xport</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="611"/>
        <source>Exporting… {rows} closes written</source>
        <translation>Export en cours… {rows} clôtures écrites</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="619"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Export annulé&#xa0;; aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="626"/>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="628"/>
        <source>The closes could not be exported to {path}: {reason}. Choose another folder or free some space, then export again.</source>
        <translation>Les clôtures n&apos;ont pas pu être exportées vers {path}&#xa0;: {reason}. Choisissez un autre dossier ou libérez de l&apos;espace, puis exportez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_view.py" line="637"/>
        <source>Exported {rows} closes to {name}</source>
        <translation>{rows} clôtures exportées vers {name}</translation>
    </message>
</context>
<context>
    <name>ImportTerminalsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="100"/>
        <source>Import terminals</source>
        <translation>Importer des terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="114"/>
        <source>&amp;Look up terminals</source>
        <translation>&amp;Rechercher les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="116"/>
        <source>Look up terminals</source>
        <translation>Rechercher les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="117"/>
        <source>Ask the provider which terminals this account has. Nothing is changed.</source>
        <translation>Demander au prestataire quels terminaux ce compte possède. Rien n&apos;est modifié.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="123"/>
        <source>Looking up</source>
        <translation>Recherche en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="130"/>
        <source>Lookup status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="134"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="137"/>
        <source>&amp;Tick all new terminals</source>
        <translation>&amp;Cocher tous les nouveaux terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="139"/>
        <source>Tick all new terminals</source>
        <translation>Cocher tous les nouveaux terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="145"/>
        <source>Terminals found</source>
        <translation>Terminaux trouvés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="146"/>
        <source>Tick the terminals to add; edit a name by double-clicking it.</source>
        <translation>Cochez les terminaux à ajouter&#xa0;; pour modifier un nom, double-cliquez dessus.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Name in Closeout</source>
        <translation>Nom dans Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="147"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="168"/>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="407"/>
        <source>&amp;Add selected</source>
        <translation>&amp;Ajouter la sélection</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="170"/>
        <source>Add selected terminals</source>
        <translation>Ajouter les terminaux sélectionnés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="180"/>
        <source>Stored with every imported terminal, only in this computer&apos;s credential store.</source>
        <translation>Enregistré avec chaque terminal importé, uniquement dans le gestionnaire d&apos;identifiants de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="253"/>
        <source>The details changed: look up again.</source>
        <translation>Les informations ont changé&#xa0;: relancez la recherche.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="301"/>
        <source>The lookup failed unexpectedly ({error}). Try again; if it keeps failing, add the terminals one by one.</source>
        <translation>La recherche a échoué de façon inattendue ({error}). Réessayez&#xa0;; si l&apos;échec persiste, ajoutez les terminaux un par un.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="321"/>
        <source>Looking up…</source>
        <translation>Recherche en cours…</translation>
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
            <numerusform>%n terminal trouvé.</numerusform>
            <numerusform>%n terminaux trouvés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="359"/>
        <source>%n already added.</source>
        <translation>
            <numerusform>%n déjà ajouté.</numerusform>
            <numerusform>%n déjà ajoutés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="361"/>
        <source>There is nothing new to add.</source>
        <translation>Il n&apos;y a rien de nouveau à ajouter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="363"/>
        <source>The account has no terminals.</source>
        <translation>Ce compte n&apos;a aucun terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="373"/>
        <source>Double-click to change the name.</source>
        <translation>Double-cliquez pour changer le nom.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="377"/>
        <source>Already added as &apos;{name}&apos;</source>
        <translation>Déjà ajouté sous le nom «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="407"/>
        <source>&amp;Add %n terminal(s)</source>
        <translation>
            <numerusform>&amp;Ajouter %n terminal</numerusform>
            <numerusform>&amp;Ajouter %n terminaux</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="426"/>
        <source>&apos;{name}&apos; is already used; choose another name.</source>
        <translation>«&#xa0;{name}&#xa0;» est déjà utilisé&#xa0;; choisissez un autre nom.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="432"/>
        <source>Nothing added. Terminal {terminal}: {label} {problem}</source>
        <translation>Rien n&apos;a été ajouté. Terminal {terminal}&#xa0;: {label} {problem}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="433"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/import_terminals.py" line="464"/>
        <source>%n terminal(s) added.</source>
        <translation>
            <numerusform>%n terminal ajouté.</numerusform>
            <numerusform>%n terminaux ajoutés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/import_terminals.py" line="466"/>
        <source>Not added: {failures}</source>
        <translation>Non ajoutés&#xa0;: {failures}</translation>
    </message>
</context>
<context>
    <name>InDoubtBanner</name>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="36"/>
        <source>Retry safely</source>
        <translation>Réessayer sans risque</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="38"/>
        <source>Re-send the same closes with their original ids: they cannot close twice</source>
        <translation>Renvoyer les mêmes clôtures avec leurs ID d&apos;origine&#xa0;: elles ne peuvent pas clôturer deux fois</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="40"/>
        <source>Review…</source>
        <translation>Examiner…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/widgets/in_doubt_banner.py" line="57"/>
        <source>%n close(s) in doubt ({names}): they may have gone through. Closeout will not close these terminals again blindly.</source>
        <translation>
            <numerusform>%n clôture incertaine ({names})&#xa0;: elle a peut-être abouti. Closeout ne clôturera pas ce terminal à nouveau à l&apos;aveugle.</numerusform>
            <numerusform>%n clôtures incertaines ({names})&#xa0;: elles ont peut-être abouti. Closeout ne clôturera pas ces terminaux à nouveau à l&apos;aveugle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InDoubtDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="45"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="64"/>
        <source>Closes in doubt</source>
        <translation>Clôtures incertaines</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="54"/>
        <source>No answer came back for these closes, so they may have gone through. Closeout never starts a new close for such a terminal blindly. Re-send the same close (it cannot close twice), check with the provider, or, once you have checked, record what you found.</source>
        <translation>Aucune réponse n&apos;est revenue pour ces clôtures&#xa0;: elles ont donc peut-être abouti. Closeout ne lance jamais à l&apos;aveugle une nouvelle clôture pour un tel terminal. Renvoyez la même clôture (elle ne peut pas clôturer deux fois), vérifiez auprès du prestataire ou, une fois la vérification faite, enregistrez ce que vous avez constaté.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="67"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="68"/>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="69"/>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="70"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="71"/>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="89"/>
        <source>&amp;Retry safely</source>
        <translation>&amp;Réessayer sans risque</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="91"/>
        <source>Re-send the same close with its original id: it cannot close twice</source>
        <translation>Renvoyer la même clôture avec son ID d&apos;origine&#xa0;: elle ne peut pas clôturer deux fois</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="92"/>
        <source>&amp;Check with the provider</source>
        <translation>&amp;Vérifier auprès du prestataire</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="94"/>
        <source>Mark &amp;closed…</source>
        <translation>Marquer comme &amp;clôturé…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="96"/>
        <source>Mark &amp;not closed…</source>
        <translation>Marquer comme &amp;non clôturé…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="153"/>
        <source>Checking with the provider…</source>
        <translation>Vérification auprès du prestataire…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="160"/>
        <source>The check failed: {error}</source>
        <translation>La vérification a échoué&#xa0;: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="171"/>
        <source>closed</source>
        <translation>clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="171"/>
        <source>not closed</source>
        <translation>non clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="174"/>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="186"/>
        <source>Mark {verdict}</source>
        <translation>Marquer comme {verdict}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="176"/>
        <source>You checked with the provider that the close of &apos;{name}&apos; started {when} is {verdict}.
Your name (kept in the history):</source>
        <translation>Vous avez vérifié auprès du prestataire que le lot de «&#xa0;{name}&#xa0;» (clôture lancée le {when}) est {verdict}.
Votre nom (conservé dans l&apos;historique)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/in_doubt.py" line="186"/>
        <source>Note (optional), e.g. where you checked:</source>
        <translation>Note (facultative), par ex. où vous avez vérifié&#xa0;:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="73"/>
        <source>Closeout — Demo</source>
        <translation>Closeout — Démo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151"/>
        <source>&amp;Add terminal…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="155"/>
        <source>Add a terminal</source>
        <translation>Ajouter un terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>Edit the selected terminal</source>
        <translation>Modifier le terminal sélectionné</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="162"/>
        <source>&amp;Import terminals…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <location filename="../../app/ui/main_window.py" line="444"/>
        <source>Look up the terminals of a Saferpay, SUNBAY or Handpoint account and add them</source>
        <translation>Rechercher les terminaux d&apos;un compte Saferpay, SUNBAY ou Handpoint et les ajouter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="170"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="174"/>
        <source>Remove the selected terminal</source>
        <translation>Supprimer le terminal sélectionné</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="178"/>
        <source>Close &amp;selected</source>
        <translation>Clôturer la sé&amp;lection</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>Close the batches of the ticked terminals</source>
        <translation>Clôturer les lots des terminaux cochés</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="186"/>
        <source>Close a&amp;ll</source>
        <translation>Clôturer &amp;tout</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>Close the batches of all terminals</source>
        <translation>Clôturer les lots de tous les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="194"/>
        <source>&amp;Cancel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="198"/>
        <source>Stop the closes that have not been sent yet</source>
        <translation>Arrêter les clôtures pas encore envoyées</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="202"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="206"/>
        <source>Shop details, closing time, language</source>
        <translation>Coordonnées du commerce, heure de clôture, langue</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="210"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="214"/>
        <source>Quit Closeout</source>
        <translation>Quitter Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="218"/>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="222"/>
        <source>Every close: filters, details, CSV export</source>
        <translation>Toutes les clôtures : filtres, détails, export CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="226"/>
        <source>Closing &amp;report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="230"/>
        <source>Print or save the day&apos;s closing report</source>
        <translation>Imprimer ou enregistrer le rapport de clôture du jour</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="234"/>
        <source>&amp;Shops…</source>
        <translation>&amp;Magasins…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>Every shop of the chain: who has closed, who has not</source>
        <translation>Tous les magasins de la chaîne : qui a clôturé, qui ne l’a pas fait</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="242"/>
        <source>Closes in &amp;doubt…</source>
        <translation>Clôtures in&amp;certaines…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="246"/>
        <source>Review closes whose outcome is unknown</source>
        <translation>Examiner les clôtures dont le résultat est inconnu</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <source>&amp;About Closeout</source>
        <translation>À &amp;propos de Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <source>Version, folders and licences</source>
        <translation>Version, dossiers et licences</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="253"/>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Tick every terminal</source>
        <translation>Cocher tous les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="265"/>
        <source>&amp;Terminals</source>
        <translation>&amp;Terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>&amp;Close</source>
        <translation>&amp;Clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="288"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="289"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="300"/>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="325"/>
        <source>Demo: simulated terminals, no real money. Nothing you do here reaches a payment provider or your real settings.</source>
        <translation>Démo&#xa0;: terminaux simulés, pas d&apos;argent réel. Rien de ce que vous faites ici n&apos;atteint un prestataire de paiement ni vos vrais paramètres.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="349"/>
        <source>Terminals</source>
        <translation>Terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="371"/>
        <source>Details of the selected terminal</source>
        <translation>Détails du terminal sélectionné</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="391"/>
        <location filename="../../app/ui/main_window.py" line="538"/>
        <source>Close selected</source>
        <translation>Clôturer la sélection</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="394"/>
        <source>Close all</source>
        <translation>Clôturer tout</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="430"/>
        <source>No terminals yet</source>
        <translation>Aucun terminal pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="433"/>
        <source>Add your card terminals once; then one click closes all their batches at the end of the day.</source>
        <translation>Ajoutez vos terminaux de paiement une seule fois&#xa0;; ensuite, un clic clôture tous leurs lots en fin de journée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="439"/>
        <source>Add terminal</source>
        <translation>Ajouter un terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="442"/>
        <source>Import from an account</source>
        <translation>Importer depuis un compte</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="446"/>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="538"/>
        <source>Close selected (%n)</source>
        <translation>
            <numerusform>Clôturer la sélection (%n)</numerusform>
            <numerusform>Clôturer la sélection (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="675"/>
        <source>Those terminals are already being closed.</source>
        <translation>Ces terminaux sont déjà en cours de clôture.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="713"/>
        <source>Closing stopped</source>
        <translation>Clôture arrêtée</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="715"/>
        <source>Closing stopped because of an unexpected error: {error}. Every close that may have been sent is in the history; the details are in the log.</source>
        <translation>La clôture s&apos;est arrêtée à cause d&apos;une erreur inattendue&#xa0;: {error}. Chaque clôture qui a pu être envoyée figure dans l&apos;historique&#xa0;; les détails sont dans le journal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="733"/>
        <source>This PC&apos;s clock looks wrong: a recorded close lies in the future, so those terminals were not closed. Set the date and time of this PC (turn on automatic time), then close again.</source>
        <translation>L&apos;horloge de ce PC semble fausse : une clôture enregistrée est dans le futur, ces terminaux n&apos;ont donc pas été clôturés. Réglez la date et l&apos;heure de ce PC (activez l&apos;heure automatique), puis clôturez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="751"/>
        <source>Closing: {done} of {total} done</source>
        <translation>Clôture&#xa0;: {done} sur {total} terminées</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="754"/>
        <source>{total} of {total} done</source>
        <translation>{total} sur {total} terminées</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="761"/>
        <source>Cancelling: closes not sent yet are stopped; requests already sent finish or are recorded as in doubt.</source>
        <translation>Annulation&#xa0;: les clôtures pas encore envoyées sont arrêtées&#xa0;; les requêtes déjà envoyées se terminent ou sont enregistrées comme incertaines.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Stopped waiting: closes still on their way are recorded as in doubt.</source>
        <translation>Attente arrêtée : les clôtures encore en route sont enregistrées comme incertaines.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="794"/>
        <source>Closeout is still running</source>
        <translation>Closeout reste ouvert</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="795"/>
        <source>It reminds you at closing time. Quit from the tray icon&apos;s menu.</source>
        <translation>Il vous le rappellera à l&apos;heure de clôture. Pour le quitter, utilisez le menu de son icône dans la zone de notification.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="815"/>
        <source>Closing in progress</source>
        <translation>Clôture en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="816"/>
        <source>Batches are being closed right now.</source>
        <translation>Des lots sont en cours de clôture.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="819"/>
        <source>Closeout will stop the closes not sent yet, wait for the requests already sent to be answered (or record them as in doubt), and then quit.</source>
        <translation>Closeout va arrêter les clôtures pas encore envoyées, attendre la réponse aux requêtes déjà envoyées (ou les enregistrer comme incertaines), puis se fermer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="823"/>
        <source>Stop and quit</source>
        <translation>Arrêter et quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="825"/>
        <source>Keep closing</source>
        <translation>Continuer la clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="834"/>
        <source>Waiting for requests already sent; Closeout quits when they are answered or recorded in doubt.</source>
        <translation>En attente des requêtes déjà envoyées&#xa0;; Closeout se ferme dès qu&apos;elles ont reçu une réponse ou sont enregistrées comme incertaines.</translation>
    </message>
</context>
<context>
    <name>OpenBatchController</name>
    <message>
        <location filename="../../app/ui/controllers/open_batches.py" line="60"/>
        <location filename="../../app/ui/controllers/open_batches.py" line="67"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/open_batches.py" line="62"/>
        <source>Nothing to close</source>
        <translation>Rien à clôturer</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="141"/>
        <source>The provider of a terminal cannot be changed; add a new terminal instead.</source>
        <translation>Le prestataire d&apos;un terminal ne peut pas être changé&#xa0;; ajoutez plutôt un nouveau terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="145"/>
        <source>Provider</source>
        <translation>Prestataire</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="146"/>
        <source>&amp;Provider</source>
        <translation>&amp;Prestataire</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="151"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="152"/>
        <source>Advanced settings</source>
        <translation>Paramètres avancés</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="353"/>
        <source>Settings you normally leave empty.</source>
        <translation>Réglages que vous laissez normalement vides.</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="385"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="396"/>
        <source>Leave empty to use {value}</source>
        <translation>Laisser vide pour utiliser {value}</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="420"/>
        <source>Leave empty to keep the stored one</source>
        <translation>Laisser vide pour garder la valeur enregistrée</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="425"/>
        <source>Show {secret}</source>
        <translation>Afficher {secret}</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/provider_form.py" line="426"/>
        <source>Show the characters you typed.</source>
        <translation>Afficher les caractères saisis.</translation>
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
        <translation>Supprimer le terminal</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="7"/>
        <source>&amp;Remove</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:42</extracomment>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="9"/>
        <source>password/API key</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:26</extracomment>
        <translation>mot de passe/clé API</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="13"/>
        <source>It has a close in doubt: that close may have gone through. It stays in the history; settle it with Review (in the banner) after checking with the provider.</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:37</extracomment>
        <translation>Il a une clôture incertaine : elle est peut-être passée. Elle reste dans l&apos;historique ; réglez-la avec « Examiner… » (dans le bandeau) après avoir vérifié auprès du prestataire.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="15"/>
        <source>Remove terminal &apos;{name}&apos;?</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:32</extracomment>
        <translation>Supprimer le terminal «&#xa0;{name}&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="11"/>
        <source>Its stored {secret} is deleted from the credential store; its past closes stay in the history.</source>
        <extracomment>app/ui/dialogs/remove_terminal.py:33</extracomment>
        <translation>L&apos;identifiant enregistré ({secret}) est supprimé du gestionnaire d&apos;identifiants&#xa0;; ses clôtures passées restent dans l&apos;historique.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../app/ui/report_view.py" line="48"/>
        <source>Closing report</source>
        <translation>Rapport de clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="53"/>
        <source>&amp;Day:</source>
        <translation>&amp;Jour&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="57"/>
        <source>Day of the report</source>
        <translation>Jour du rapport</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="59"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="61"/>
        <source>Read the history again (closes made since the report was shown)</source>
        <translation>Relire l&apos;historique (clôtures faites depuis l&apos;affichage du rapport)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="70"/>
        <source>Closing report preview</source>
        <translation>Aperçu du rapport de clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="87"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="89"/>
        <source>Save as P&amp;DF…</source>
        <translation>Enregistrer en P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="91"/>
        <source>Save as &amp;CSV…</source>
        <translation>Enregistrer en &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="120"/>
        <source>The report could not be made: {reason}</source>
        <translation>Le rapport n&apos;a pas pu être établi&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="143"/>
        <source>Closing report {day}</source>
        <translation>Rapport de clôture {day}</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="146"/>
        <source>Print the closing report</source>
        <translation>Imprimer le rapport de clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="174"/>
        <source>Save the closing report as PDF</source>
        <translation>Enregistrer le rapport de clôture en PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="174"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="182"/>
        <source>Save the closing report as CSV</source>
        <translation>Enregistrer le rapport de clôture en CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="182"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="194"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="196"/>
        <source>The report could not be saved to {path} ({reason}). Choose another folder, or free some disk space.</source>
        <translation>Le rapport n&apos;a pas pu être enregistré dans {path} ({reason}). Choisissez un autre dossier ou libérez de l&apos;espace disque.</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="200"/>
        <source>Not saved.</source>
        <translation>Non enregistré.</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_view.py" line="203"/>
        <source>Saved to {path}</source>
        <translation>Enregistré dans {path}</translation>
    </message>
</context>
<context>
    <name>RunSummaryDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="201"/>
        <source>Closing finished</source>
        <translation>Clôture terminée</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="212"/>
        <source>{closed} closed, {failed} failed, {doubt} in doubt, {skipped} skipped</source>
        <translation>Clôturés&#xa0;: {closed}, en échec&#xa0;: {failed}, incertains&#xa0;: {doubt}, ignorés&#xa0;: {skipped}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="223"/>
        <source>In doubt: these may have closed</source>
        <translation>Incertains&#xa0;: ils sont peut-être clôturés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="227"/>
        <source>No answer came back, so nobody knows yet whether these batches closed. Do not close them by other means. Retry safely settles them without closing twice (Closeout sends the same close again, or asks the provider about that close), or check in the provider&apos;s back office.</source>
        <translation>Aucune réponse n&apos;est revenue&#xa0;: on ne sait donc pas encore si ces lots ont été clôturés. Ne les clôturez pas par un autre moyen. «&#xa0;Réessayer sans risque&#xa0;» les règle sans clôturer deux fois (Closeout renvoie la même clôture, ou interroge le prestataire sur cette clôture)&#xa0;; vous pouvez aussi vérifier dans le back-office du prestataire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="236"/>
        <source>Failed: not closed</source>
        <translation>Échec&#xa0;: non clôturés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="239"/>
        <source>Fix the reason shown, then close these terminals again.</source>
        <translation>Corrigez la cause indiquée, puis clôturez à nouveau ces terminaux.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="244"/>
        <source>Closed</source>
        <translation>Clôturés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="247"/>
        <source>Skipped</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/close_run.py" line="250"/>
        <source>Closing summary</source>
        <translation>Résumé de la clôture</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="37"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="61"/>
        <source>Shop (printed on the closing report)</source>
        <translation>Commerce (imprimé sur le rapport de clôture)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="65"/>
        <source>Shop name</source>
        <translation>Nom du commerce</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="69"/>
        <source>Shop address</source>
        <translation>Adresse du commerce</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="71"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="72"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="53"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="75"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="81"/>
        <source>Closing time</source>
        <translation>Heure de clôture</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="58"/>
        <source>Chain</source>
        <translation>Chaîne</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="77"/>
        <source>&amp;Remind me at</source>
        <translation>Me &amp;rappeler à</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="89"/>
        <source>when a terminal is still open</source>
        <translation>si un terminal est encore ouvert</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="92"/>
        <source>Close &amp;automatically at that time</source>
        <translation>Clôturer au&amp;tomatiquement à cette heure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="99"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="107"/>
        <source>Retry failed terminals every</source>
        <translation>Réessayer les terminaux en échec toutes les</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="109"/>
        <source>until</source>
        <translation>jusqu&apos;à</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="126"/>
        <source>Business day ends at</source>
        <translation>Fin du jour ouvré à</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="131"/>
        <source>A close belongs to the business day in which it started: with 04:00, a close at 00:30 still counts for the evening before.</source>
        <translation>Une clôture appartient au jour ouvré où elle a commencé : avec 04:00, une clôture à 00:30 compte encore pour la veille au soir.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="135"/>
        <source>&amp;Business day ends at:</source>
        <translation>&amp;Fin du jour ouvré à :</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="49"/>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="139"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="115"/>
        <source>Reminders and automatic closes happen while Closeout runs (it can stay in the system tray). On a PC where it does not run, have the system&apos;s task scheduler (Windows Task Scheduler, cron) run &apos;closeout close --all --yes&apos; at closing time.</source>
        <translation>Les rappels et les clôtures automatiques ont lieu tant que Closeout tourne (il peut rester dans la zone de notification). Sur un PC où ce n&apos;est pas le cas, faites exécuter &apos;closeout close --all --yes&apos; à l&apos;heure de clôture par le planificateur de tâches du système (Planificateur de tâches Windows, cron).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="143"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="144"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="147"/>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Langue (après un redémarrage)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="148"/>
        <source>Keep running in the system &amp;tray when the window is closed</source>
        <translation>Continuer dans la zone de noti&amp;fication quand la fenêtre est fermée</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="203"/>
        <source>The settings could not be saved: {reason}. Nothing was changed.</source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés&#xa0;: {reason}. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>ShopsWindow</name>
    <message>
        <location filename="../../app/ui/shops_view.py" line="56"/>
        <source>Shops</source>
        <translation>Magasins</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="65"/>
        <source>Business &amp;day:</source>
        <translation>&amp;Journée :</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="70"/>
        <source>Business day</source>
        <translation>Journée</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="75"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="77"/>
        <source>Every terminal</source>
        <translation>Tous les terminaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="78"/>
        <source>Not closed yet</source>
        <translation>Pas encore clôturés</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="79"/>
        <source>Problems only (failed, in doubt, not closed)</source>
        <translation>Problèmes seulement (échec, incertain, non clôturé)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="83"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="98"/>
        <source>Shop</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="99"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="100"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="101"/>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="102"/>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="103"/>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="104"/>
        <source>Last heard from</source>
        <translation>Dernier signe de vie</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="144"/>
        <source>The demo is never connected to a chain: this window shows the shops of a chain once this PC is connected (Settings &gt; Chain).</source>
        <translation>La démo n’est jamais connectée à une chaîne : cette fenêtre montre les magasins d’une chaîne une fois ce PC connecté (Paramètres &gt; Chaîne).</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="154"/>
        <source>Reading the chain…</source>
        <translation>Lecture de la chaîne…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="172"/>
        <source>The chain could not be read because of an unexpected error (details are in the log). Try again, or use &apos;closeout chain status&apos; in a terminal.</source>
        <translation>La chaîne n’a pas pu être lue à cause d’une erreur inattendue (détails dans le journal). Réessayez, ou utilisez « closeout chain status » dans un terminal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="202"/>
        <source>closed</source>
        <translation>clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="203"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="204"/>
        <source>in doubt</source>
        <translation>incertain</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="205"/>
        <source>not closed yet</source>
        <translation>pas encore clôturé</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="206"/>
        <source>nothing to close</source>
        <translation>rien à clôturer</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="220"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="236"/>
        <source>(no terminals)</source>
        <translation>(aucun terminal)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="251"/>
        <source>Business day {day}: {closed} closed, {nothing} nothing to close, {failed} failed, {doubt} in doubt, {open} not closed yet.</source>
        <translation>Journée {day} : {closed} clôturé(s), {nothing} rien à clôturer, {failed} en échec, {doubt} incertain(s), {open} pas encore clôturé(s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="263"/>
        <source>Every terminal of the chain is closed for this business day.</source>
        <translation>Tous les terminaux de la chaîne sont clôturés pour cette journée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="264"/>
        <source>No terminal failed, is in doubt or is not closed yet.</source>
        <translation>Aucun terminal en échec, incertain ou pas encore clôturé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="265"/>
        <source>The chain has no shops yet.</source>
        <translation>La chaîne n’a pas encore de magasins.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="279"/>
        <source>{amount} (test)</source>
        <translation>{amount} (test)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shops_view.py" line="284"/>
        <source>Net totals: </source>
        <translation>Totaux nets : </translation>
    </message>
</context>
<context>
    <name>TerminalDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="86"/>
        <source>Add terminal</source>
        <translation>Ajouter un terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="88"/>
        <source>Edit terminal &apos;{name}&apos;</source>
        <translation>Modifier le terminal «&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="98"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="132"/>
        <source>Credential check</source>
        <translation>Vérification des identifiants</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="102"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="115"/>
        <source>e.g. Counter 1</source>
        <translation>par ex. Caisse 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="116"/>
        <source>How this terminal is called in Closeout; any name you like.</source>
        <translation>Le nom de ce terminal dans Closeout&#xa0;; celui que vous voulez.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="114"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="121"/>
        <source>Kept only in this computer&apos;s credential store, never in a file.</source>
        <translation>Conservé uniquement dans le gestionnaire d&apos;identifiants de cet ordinateur, jamais dans un fichier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="184"/>
        <source>A terminal named &apos;{name}&apos; already exists; choose another name.</source>
        <translation>Un terminal nommé «&#xa0;{name}&#xa0;» existe déjà&#xa0;; choisissez un autre nom.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="200"/>
        <source>To save, fill in or correct: {fields}.</source>
        <translation>Pour enregistrer, remplissez ou corrigez&#xa0;: {fields}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="202"/>
        <source>(Some are under Advanced settings.)</source>
        <translation>(Certains se trouvent dans Paramètres avancés.)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="232"/>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="249"/>
        <source>Not saved. {message}</source>
        <translation>Non enregistré. {message}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="263"/>
        <source>Checking the credentials with {provider} (a read-only query; nothing is closed)…</source>
        <translation>Vérification des identifiants auprès de {provider} (simple lecture ; rien n&apos;est clôturé)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="288"/>
        <source>Not saved: {provider} refused these credentials. {reason}</source>
        <translation>Non enregistré : {provider} a refusé ces identifiants. {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="297"/>
        <source>Credentials not checked</source>
        <translation>Identifiants non vérifiés</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="299"/>
        <source>{provider} could not be reached, so the credentials were not checked.</source>
        <translation>{provider} n&apos;a pas pu être joint, les identifiants n&apos;ont donc pas été vérifiés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="301"/>
        <source>{provider} neither accepted nor refused the credentials.</source>
        <translation>{provider} n&apos;a ni accepté ni refusé les identifiants.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="304"/>
        <source>{reason}

Save the terminal anyway? If something is wrong, its first close will say so.</source>
        <translation>{reason}

Enregistrer le terminal quand même ? Si quelque chose ne va pas, la première clôture le dira.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="308"/>
        <source>Save &amp;anyway</source>
        <translation>Enregistrer &amp;quand même</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="310"/>
        <source>&amp;Back to the form</source>
        <translation>&amp;Retour au formulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/terminal_dialog.py" line="248"/>
        <source>The terminal could not be stored.</source>
        <translation>Le terminal n&apos;a pas pu être enregistré.</translation>
    </message>
</context>
<context>
    <name>TerminalTableModel</name>
    <message>
        <location filename="_runtime_strings.py" line="49"/>
        <source>never</source>
        <extracomment>app/ui/models/terminals.py:269</extracomment>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="51"/>
        <source>Queued</source>
        <extracomment>app/ui/models/terminals.py:291</extracomment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="53"/>
        <source>Re-sending earlier close…</source>
        <extracomment>app/ui/models/terminals.py:293</extracomment>
        <translation>Renvoi de la clôture précédente…</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="55"/>
        <source>Closed</source>
        <extracomment>app/ui/models/terminals.py:300</extracomment>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="57"/>
        <source>In doubt</source>
        <extracomment>app/ui/models/terminals.py:304</extracomment>
        <translation>Incertain</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="59"/>
        <source>SUNBAY shows the open batch before closing; Saferpay does not.</source>
        <extracomment>app/ui/models/terminals.py:250</extracomment>
        <translation>SUNBAY montre le lot ouvert avant la clôture ; Saferpay non.</translation>
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
        <translation>Prestataire</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="65"/>
        <source>Environment</source>
        <extracomment>app/ui/models/terminals.py:78</extracomment>
        <translation>Environnement</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="67"/>
        <source>Terminal ID / serial</source>
        <extracomment>app/ui/models/terminals.py:79</extracomment>
        <translation>ID terminal / n° de série</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="69"/>
        <source>Last close</source>
        <extracomment>app/ui/models/terminals.py:80</extracomment>
        <translation>Dernière clôture</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="71"/>
        <source>Open batch</source>
        <extracomment>app/ui/models/terminals.py:81</extracomment>
        <translation>Lot ouvert</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="73"/>
        <source>Status</source>
        <extracomment>app/ui/models/terminals.py:82</extracomment>
        <translation>État</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="75"/>
        <source>unknown: update Closeout</source>
        <extracomment>app/ui/models/terminals.py:233</extracomment>
        <translation>inconnu : mettez Closeout à jour</translation>
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
        <translation>test</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="81"/>
        <source>Live: real money moves.</source>
        <extracomment>app/ui/models/terminals.py:257</extracomment>
        <translation>Live&#xa0;: de l&apos;argent réel est en jeu.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="83"/>
        <source>Test: the provider&apos;s test system; no real money.</source>
        <extracomment>app/ui/models/terminals.py:259</extracomment>
        <translation>Test&#xa0;: le système de test du prestataire&#xa0;; pas d&apos;argent réel.</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="85"/>
        <source>closed</source>
        <extracomment>app/ui/models/terminals.py:278</extracomment>
        <translation>clôturé</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="87"/>
        <source>failed</source>
        <extracomment>app/ui/models/terminals.py:279</extracomment>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="89"/>
        <source>in doubt</source>
        <extracomment>app/ui/models/terminals.py:280</extracomment>
        <translation>incertain</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="91"/>
        <source>sending</source>
        <extracomment>app/ui/models/terminals.py:281</extracomment>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="93"/>
        <source>nothing to close</source>
        <extracomment>app/ui/models/terminals.py:282</extracomment>
        <translation>rien à clôturer</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="95"/>
        <source>Closing… {s} s</source>
        <extracomment>app/ui/models/terminals.py:295</extracomment>
        <translation>Clôture en cours… {s} s</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="97"/>
        <source>Retrying {n}… {s} s</source>
        <extracomment>app/ui/models/terminals.py:298</extracomment>
        <translation>Nouvel essai {n}… {s} s</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="99"/>
        <source>Failed: {reason}</source>
        <extracomment>app/ui/models/terminals.py:302</extracomment>
        <translation>Échec&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="101"/>
        <source>Skipped: {reason}</source>
        <extracomment>app/ui/models/terminals.py:306</extracomment>
        <translation>Ignoré&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="_runtime_strings.py" line="103"/>
        <source>Closing (try {n})… {s} s</source>
        <extracomment>app/ui/models/terminals.py:296</extracomment>
        <translation>Clôture en cours (essai {n})… {s} s</translation>
    </message>
</context>
<context>
    <name>TerminalsController</name>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="56"/>
        <source>Edit terminal</source>
        <translation>Modifier le terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="58"/>
        <source>&apos;{name}&apos; uses a provider this version of Closeout does not know (it was set up by a newer Closeout). Update Closeout to edit or close it.</source>
        <translation>« {name} » utilise un prestataire que cette version de Closeout ne connaît pas (configuré par un Closeout plus récent). Mettez Closeout à jour pour le modifier ou le clôturer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="107"/>
        <source>Remove terminal</source>
        <translation>Supprimer le terminal</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="108"/>
        <source>The terminal was not removed: {reason}</source>
        <translation>Le terminal n&apos;a pas été supprimé&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/controllers/terminals.py" line="139"/>
        <source>The terminal was removed; check in the provider&apos;s back office.</source>
        <translation>Le terminal a été supprimé&#xa0;; vérifiez dans le back-office du prestataire.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="27"/>
        <source>Show Closeout</source>
        <translation>Afficher Closeout</translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="28"/>
        <source>Close all now…</source>
        <translation>Tout clôturer maintenant…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tray.py" line="29"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>
