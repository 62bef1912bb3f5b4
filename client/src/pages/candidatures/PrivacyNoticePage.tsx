import { List, Stack, Text, Title } from '@mantine/core';
import { PublicShell } from './PublicShell';

/** /candidater/donnees-personnelles — the personal-data notice of the candidature forms (RGPD, articles 13 and 14). */
export function PrivacyNoticePage() {
  return (
    <PublicShell>
      <Stack gap="md">
        <Title order={2} size="h3">
          Données personnelles des candidatures
        </Title>
        <section>
          <Title order={3} size="h4">
            Qui traite vos données
          </Title>
          <Text>
            Le Smicval (Syndicat mixte intercommunal de collecte et de valorisation du Libournais Haute-Gironde),
            responsable du traitement, pour l'appel à coopération « Projet K ».
          </Text>
        </section>
        <section>
          <Title order={3} size="h4">
            Pourquoi
          </Title>
          <Text>
            Pour recevoir et instruire votre candidature, la présenter au comité de sélection et à l'Assemblée générale,
            vous informer de la décision et, si elle est retenue, préparer la convention du projet pilote. Base légale :
            la mission d'intérêt public du Smicval (prévention et réduction des déchets).
          </Text>
        </section>
        <section>
          <Title order={3} size="h4">
            Quelles données, et qui les voit
          </Title>
          <List size="sm">
            <List.Item>le nom et la fonction de la personne à contacter, son adresse électronique ;</List.Item>
            <List.Item>
              le contenu des lettres d'intention et d'engagement (dont les noms d'acteurs et de coordinateurs) et les
              pièces jointes ;
            </List.Item>
            <List.Item>l'adresse IP d'envoi, conservée une heure pour limiter les envois abusifs.</List.Item>
          </List>
          <Text size="sm">
            Seuls l'équipe du projet au Smicval et les membres du comité de sélection y ont accès. Rien n'est cédé ni
            vendu.
          </Text>
        </section>
        <section>
          <Title order={3} size="h4">
            Combien de temps
          </Title>
          <Text>
            Une candidature non retenue (ou retirée) garde ses données personnelles deux ans après la décision, sauf
            durée différente fixée par le Smicval pour l'appel ; elles sont ensuite effacées automatiquement (contact,
            textes des lettres, noms des acteurs, pièces jointes, lien privé). Seules restent des statistiques anonymes
            : communes, nombre d'habitants, dates, décision et notes du comité. Une candidature retenue devient un
            projet pilote et suit la durée de celui-ci.
          </Text>
        </section>
        <section>
          <Title order={3} size="h4">
            Vos droits
          </Title>
          <Text>
            Vous pouvez accéder à vos données, les faire rectifier ou effacer, en limiter l'usage ou vous opposer à leur
            traitement. Écrivez au délégué à la protection des données du Smicval (coordonnées sur smicval.fr) ou au
            contact indiqué dans l'appel, en rappelant votre numéro de dossier. Si vous estimez vos droits non
            respectés, vous pouvez saisir la CNIL (cnil.fr).
          </Text>
        </section>
      </Stack>
    </PublicShell>
  );
}
