import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Heading, Inline, Lozenge, Spinner, Stack, Text } from '@forge/react';
import { invoke } from '@forge/bridge';

const IssueRadar = () => {
  const [radar, setRadar] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    invoke('getIssueRadar').then(setRadar, (failure) => setError(failure.message));
  }, []);

  if (error) return <Text>Could not load the radar: {error}</Text>;
  if (!radar) return <Spinner label="Loading" />;
  return (
    <Stack space="space.100">
      <Heading as="h3">{radar.key}: {radar.summary}</Heading>
      <Inline space="space.100">
        <Lozenge>{radar.status}</Lozenge>
        {radar.labels.map((label) => (
          <Lozenge key={label} appearance="new">{label}</Lozenge>
        ))}
      </Inline>
      <Text>Newest Node.js release: {radar.latestRelease ? radar.latestRelease.tag : 'not checked yet'}</Text>
      <Text>Last deployment: {radar.lastDeployment ? `${radar.lastDeployment.version} (${radar.lastDeployment.environment})` : 'none recorded'}</Text>
    </Stack>
  );
};

ForgeReconciler.render(
  <React.StrictMode>
    <IssueRadar />
  </React.StrictMode>,
);
