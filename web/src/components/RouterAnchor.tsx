import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';

type AnchorLinkProps = AnchorProps & Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, keyof AnchorProps>;

const AnchorLink = forwardRef<HTMLAnchorElement, AnchorLinkProps>((props, ref) => (
  <Anchor component="a" ref={ref} {...props} />
));
AnchorLink.displayName = 'AnchorLink';

/** Mantine's Anchor rendered as a type-safe TanStack Router link (for links inside text and tables). */
export const RouterAnchor = createLink(AnchorLink);
